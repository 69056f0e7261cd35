/**
 * Uploading one blob over the distribution API v2: skip it when the repository has it (HEAD), try
 * a cross-repository mount from repositories known to hold it, else upload it — in one PUT when it
 * fits in one chunk, otherwise as PATCH chunks with Content-Range and a closing PUT with the digest.
 */
import type { Descriptor } from '../../model/descriptor.js';
import { StowageError } from '../../model/errors.js';
import type { RegistryClient } from '../../source/registry/client.js';
import type { HttpResponse } from '../../source/registry/http-fetch.js';

/** BlobOutcome says what happened to a blob. */
export type BlobOutcome = 'existed' | 'mounted' | 'uploaded';

/** UploadOptions tune uploads. */
export interface UploadOptions {
  /** chunk size in bytes; blobs up to this size go in one PUT (default 16 MiB) */
  chunkSize?: number;
  /** repositories on the same registry that may hold the blob (tried for a mount) */
  mountFrom?: readonly string[];
}

/** DEFAULT_CHUNK_SIZE is the upload chunk size. */
export const DEFAULT_CHUNK_SIZE = 16 << 20;

async function failure(res: HttpResponse, what: string, host: string): Promise<StowageError> {
  const text = Buffer.from(await res.arrayBuffer().catch(() => new ArrayBuffer(0)))
    .toString('utf8')
    .slice(0, 300);
  if (res.status === 401 || res.status === 403) {
    return new StowageError('UNAUTHORIZED', `${host} refused ${what} (HTTP ${res.status})`, {
      hint: 'check that the credentials grant push access to this repository',
    });
  }
  return new StowageError(
    'NETWORK',
    `${host} answered HTTP ${res.status} to ${what}${text ? `: ${text}` : ''}`,
    {
      hint: 'check the registry log; the upload can be retried',
    },
  );
}

function withQuery(location: string, query: string): string {
  return `${location}${location.includes('?') ? '&' : '?'}${query}`;
}

async function absolute(client: RegistryClient, location: string | null, what: string): Promise<string> {
  if (location === null)
    throw new StowageError('NETWORK', `${client.host} gave no upload location for ${what}`);
  return new URL(location, `${await client.origin()}/`).toString();
}

/** chunks regroups a stream into buffers of exactly `size` bytes (the last may be shorter). */
async function* chunks(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let have = 0;
  for await (const c of source) {
    let buf = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    while (buf.length > 0) {
      const take = Math.min(size - have, buf.length);
      parts.push(buf.subarray(0, take));
      have += take;
      buf = buf.subarray(take);
      if (have === size) {
        yield Buffer.concat(parts);
        parts = [];
        have = 0;
      }
    }
  }
  if (have > 0) yield Buffer.concat(parts);
}

/** uploadBlob makes sure `repo` holds the blob `desc`, whose bytes `body` streams. */
export async function uploadBlob(
  client: RegistryClient,
  repo: string,
  desc: Descriptor,
  body: () => AsyncIterable<Uint8Array>,
  opts: UploadOptions = {},
): Promise<BlobOutcome> {
  const what = `blob ${desc.digest}`;
  const head = await client.request(`/v2/${repo}/blobs/${desc.digest}`, `HEAD ${what}`, { method: 'HEAD' });
  await head.body?.cancel();
  if (head.ok) return 'existed';
  let location: string | undefined;
  for (const from of opts.mountFrom ?? []) {
    if (from === repo) continue;
    client.addScope(`repository:${from}:pull`);
    const res = await client.request(
      `/v2/${repo}/blobs/uploads/?mount=${encodeURIComponent(desc.digest)}&from=${encodeURIComponent(from)}`,
      `mount of ${what} from ${from}`,
      { method: 'POST', headers: { 'content-length': '0' } },
    );
    await res.body?.cancel();
    if (res.status === 201) return 'mounted';
    if (res.status === 202) {
      location = await absolute(client, res.headers.get('location'), what);
      break;
    }
  }
  if (location === undefined) {
    const res = await client.request(`/v2/${repo}/blobs/uploads/`, `upload start of ${what}`, {
      method: 'POST',
      headers: { 'content-length': '0' },
    });
    if (res.status !== 202) throw await failure(res, `the upload start of ${what}`, client.host);
    await res.body?.cancel();
    location = await absolute(client, res.headers.get('location'), what);
  }
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const octets = { 'content-type': 'application/octet-stream' };
  if (desc.size <= chunkSize) {
    const all: Buffer[] = [];
    for await (const c of chunks(body(), chunkSize)) all.push(c);
    const data = Buffer.concat(all);
    const res = await client.request(
      withQuery(location, `digest=${encodeURIComponent(desc.digest)}`),
      `upload of ${what}`,
      {
        method: 'PUT',
        headers: { ...octets, 'content-length': String(data.length) },
        body: data,
      },
    );
    if (res.status !== 201) throw await failure(res, `the upload of ${what}`, client.host);
    await res.body?.cancel();
    return 'uploaded';
  }
  let offset = 0;
  for await (const chunk of chunks(body(), chunkSize)) {
    const res = await client.request(location, `chunk at ${offset} of ${what}`, {
      method: 'PATCH',
      headers: {
        ...octets,
        'content-length': String(chunk.length),
        'content-range': `${offset}-${offset + chunk.length - 1}`,
      },
      body: chunk,
    });
    if (res.status !== 202) throw await failure(res, `the chunk at byte ${offset} of ${what}`, client.host);
    await res.body?.cancel();
    location = await absolute(client, res.headers.get('location'), what);
    offset += chunk.length;
  }
  const res = await client.request(
    withQuery(location, `digest=${encodeURIComponent(desc.digest)}`),
    `upload end of ${what}`,
    {
      method: 'PUT',
      headers: { 'content-length': '0' },
    },
  );
  if (res.status !== 201) throw await failure(res, `the end of the upload of ${what}`, client.host);
  await res.body?.cancel();
  return 'uploaded';
}
