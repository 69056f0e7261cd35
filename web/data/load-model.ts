/**
 * loadModel: the explore model, from the page itself (a report: gzip + base64 in a script element,
 * inflated with DecompressionStream, no request made) or from the server's API (explore).
 */
import type { ExploreModel } from '../../src/report/explore-types.js';

/** token returns the access token of the page's URL (`?t=`), or '' in a report. */
export function token(): string {
  return new URLSearchParams(location.search).get('t') ?? '';
}

/** apiUrl builds an API URL carrying the token. */
export function apiUrl(path: string, params: Record<string, string | number> = {}): string {
  const q = new URLSearchParams({ t: token() });
  for (const [k, v] of Object.entries(params)) q.set(k, String(v));
  return `${path}?${q.toString()}`;
}

/** loadModel reads the embedded model, else fetches it. */
export async function loadModel(): Promise<ExploreModel> {
  const embedded = document.getElementById('stowage-model');
  if (embedded !== null) {
    const bin = Uint8Array.from(atob(embedded.textContent ?? ''), (c) => c.charCodeAt(0));
    const stream = new Blob([bin]).stream().pipeThrough(new DecompressionStream('gzip'));
    return JSON.parse(await new Response(stream).text()) as ExploreModel;
  }
  const res = await fetch(apiUrl('api/model'));
  if (!res.ok) throw new Error(`the server answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as ExploreModel;
}
