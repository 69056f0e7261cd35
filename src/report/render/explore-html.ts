/**
 * The explorer's HTML page, in its two forms: served (`explore`: the bundle loaded from the server,
 * the model fetched from its API) and self-contained (`report`: bundle, styles and the gzipped model
 * inline, a Content-Security-Policy that allows no network request at all).
 */
import { gzipSync } from 'node:zlib';
import type { ExploreModel } from '../explore-types.js';

/** SERVED_CSP is the policy the server sends with its page: scripts only from itself, no framing. */
export const SERVED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** REPORT_CSP lets the report run its inline script and nothing reach the network. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src blob: data:; " +
  "connect-src 'none'; base-uri 'none'; form-action 'none'";

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(title: string, head: string, body: string): string {
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    // no favicon request: the browser would send it without the token
    '<link rel="icon" href="data:,">\n' +
    `<title>${escapeAttr(title)}</title>\n${head}</head>\n<body>\n<div id="app"></div>\n${body}</body>\n</html>\n`
  );
}

/** servedPage is the page `explore` serves; asset URLs carry the access token. */
export function servedPage(reference: string, token: string): string {
  const t = encodeURIComponent(token);
  return page(
    `stowage explore — ${reference}`,
    `<link rel="stylesheet" href="app.css?t=${t}">\n`,
    `<script type="module" src="app.js?t=${t}"></script>\n`,
  );
}

/** reportPage is the one-file report: the model gzipped and base64-encoded inside the page. */
export function reportPage(model: ExploreModel, assets: { js: string; css: string }): string {
  const data = gzipSync(Buffer.from(JSON.stringify(model)), { level: 9 }).toString('base64');
  // an inline script ends at the first `</script`, wherever it stands
  const js = assets.js.replace(/<\/(script)/gi, '<\\/$1');
  return page(
    `stowage report — ${model.inspect.reference}`,
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(REPORT_CSP)}">\n` +
      `<style>\n${assets.css.replace(/<\/(style)/gi, '<\\/$1')}\n</style>\n`,
    `<script type="application/octet-stream" id="stowage-model" data-encoding="gzip+base64">${data}</script>\n` +
      `<script type="module">\n${js}\n</script>\n`,
  );
}
