/**
 * Helpers for the tar tests: temp dirs, Python's tarfile and GNU tar as oracles, chunked sources,
 * a comparison of what readTar reports against the oracle's listing, and the index of a tar file
 * as the streaming reader and the seeking scanner each find it.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { StowageError } from '../../src/model/errors.js';
import type { LayerEntry } from '../../src/model/layer-entry.js';
import { readTar, type TarReadOptions } from '../../src/tar/reader.js';
import { scanTarFile } from '../../src/tar/scan-file.js';

const ORACLE = join(import.meta.dirname, 'tar-oracle.py');

/** makeTempDir creates a temp dir; `cleanup` removes it. */
export function makeTempDir(prefix = 'stowage-tar-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** PyMember is one member as Python's tarfile sees it (see tar-oracle.py). */
export interface PyMember {
  name: string;
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  linkname: string;
  devmajor: number;
  devminor: number;
  sparse: boolean;
  xattrs: Record<string, string>;
  sha256?: string;
}

/** pythonMembers lists an archive with Python's tarfile. */
export function pythonMembers(archive: string): PyMember[] {
  return JSON.parse(
    execFileSync('python3', [ORACLE, archive], { maxBuffer: 64 << 20 }).toString(),
  ) as PyMember[];
}

/** python runs a Python script with arguments and returns stdout. */
export function python(script: string, args: string[] = []): Buffer {
  return execFileSync('python3', ['-c', script, ...args], { maxBuffer: 64 << 20 });
}

/** chunked yields `data` in pieces whose sizes cycle through `sizes`. */
export async function* chunked(data: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let i = 0;
  for (let pos = 0; pos < data.length; i++) {
    const n = sizes[i % sizes.length] as number;
    yield data.subarray(pos, pos + n);
    pos += n;
  }
}

/** ReadResult is everything a full read reported. */
export interface ReadResult {
  entries: LayerEntry[];
  /** sha256 of each body as the consumer read it, for regular files, by index */
  bodies: (string | undefined)[];
  dataOffsets: number[];
  warnings: string[];
}

/**
 * readAll reads a whole archive. `readBodies` chooses, per entry index, whether the consumer reads
 * the body (all of it, or only the first chunk with 'partial').
 */
export async function readAll(
  source: AsyncIterable<Uint8Array>,
  opts: TarReadOptions = {},
  readBodies: (index: number) => boolean | 'partial' = () => true,
): Promise<ReadResult> {
  const out: ReadResult = { entries: [], bodies: [], dataOffsets: [], warnings: [] };
  const { createHash } = await import('node:crypto');
  for await (const item of readTar(source, { ...opts, onWarning: (m) => out.warnings.push(m) })) {
    const mode = readBodies(out.entries.length);
    let digest: string | undefined;
    if (mode !== false) {
      const h = createHash('sha256');
      for await (const chunk of item.body()) {
        h.update(chunk);
        if (mode === 'partial') break;
      }
      if (mode === true && item.entry.type === 'file') digest = `sha256:${h.digest('hex')}`;
    }
    out.entries.push(item.entry);
    out.bodies.push(digest);
    out.dataOffsets.push(item.dataOffset);
  }
  return out;
}

/** oraclePath is the test's own statement of the normal form: no leading `./` or `/`, no trailing `/`. */
export function oraclePath(name: string): string {
  const p = name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
  return p === '' || p === '.' ? '.' : p;
}

/** expectMatchesPython compares every field readTar gives with Python's listing of the same archive. */
export function expectMatchesPython(entries: LayerEntry[], members: PyMember[]): void {
  expect(entries.map((e) => e.rawPath.replace(/\/+$/, '') || '/')).toEqual(members.map((m) => m.name));
  entries.forEach((e, i) => {
    const m = members[i] as PyMember;
    const want: Record<string, unknown> = {
      path: oraclePath(m.name),
      type: m.type,
      size: m.type === 'file' ? m.size : 0,
      mode: m.mode & 0o7777,
      uid: m.uid,
      gid: m.gid,
      uname: m.uname,
      gname: m.gname,
      mtime: m.mtime,
      linkTarget:
        m.type === 'symlink' ? m.linkname : m.type === 'hardlink' ? oraclePath(m.linkname) : undefined,
      devMajor: m.type === 'char' || m.type === 'block' ? m.devmajor : undefined,
      devMinor: m.type === 'char' || m.type === 'block' ? m.devminor : undefined,
      xattrs: m.xattrs,
      contentHash: m.sha256,
    };
    const got: Record<string, unknown> = {
      path: e.path,
      type: e.type,
      size: e.size,
      mode: e.mode,
      uid: e.uid,
      gid: e.gid,
      uname: e.uname ?? '',
      gname: e.gname ?? '',
      mtime: e.mtime,
      linkTarget: e.linkTarget,
      devMajor: e.devMajor,
      devMinor: e.devMinor,
      xattrs: Object.fromEntries(Object.entries(e.xattrs ?? {}).map(([k, v]) => [k, v.toString('hex')])),
      contentHash: e.contentHash,
    };
    expect(got, `entry ${i} ${m.name}`).toEqual(want);
  });
}

/** GnuListed is one line of `tar -tv --numeric-owner`. */
export interface GnuListed {
  kind: string;
  mode: string;
  uid: number;
  gid: number;
  size: string;
  name: string;
  link?: string;
}

/** gnuListing lists an archive with GNU tar; names are unquoted and columns padded, so tests avoid names with newlines or leading spaces. */
export function gnuListing(archive: string): GnuListed[] {
  const out = execFileSync(
    'tar',
    ['-tv', '--numeric-owner', '--full-time', '--quoting-style=literal', '-f', archive],
    { env: { ...process.env, LC_ALL: 'C.UTF-8', TZ: 'UTC' }, maxBuffer: 64 << 20 },
  ).toString();
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const m =
        /^(.)(\S{9}) (\d+)\/(\d+) +(\d+|\d+,\s*\d+) +(-?\d+-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?) +(.*)$/.exec(
          line,
        );
      if (!m) throw new Error(`unparsed tar -tv line: ${line}`);
      const [, kind, mode, uid, gid, size, , rest] = m as unknown as string[];
      const sep = kind === 'l' ? ' -> ' : kind === 'h' ? ' link to ' : undefined;
      const cut = sep === undefined ? -1 : (rest as string).indexOf(sep);
      return {
        kind: kind as string,
        mode: mode as string,
        uid: Number(uid),
        gid: Number(gid),
        size: (size as string).replace(/\s+/g, ''),
        name: cut === -1 ? (rest as string) : (rest as string).slice(0, cut),
        ...(cut === -1 ? {} : { link: (rest as string).slice(cut + (sep as string).length) }),
      };
    });
}

/** GNU_KIND maps `tar -tv`'s first column to an EntryType. */
export const GNU_KIND: Record<string, string> = {
  '-': 'file',
  d: 'dir',
  l: 'symlink',
  h: 'hardlink',
  c: 'char',
  b: 'block',
  p: 'fifo',
};

/** modeString renders permission bits as `ls -l` (and tar -tv) does. */
export function modeString(mode: number): string {
  const rwx = (bits: number, special: boolean, ch: string): string =>
    `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? 'x' : '-'}`;
  return (
    rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    rwx(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

/** expectStowageError asserts that a promise rejects with a StowageError of `code` and returns it. */
export async function expectStowageError(p: Promise<unknown>, code: string): Promise<StowageError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, `expected ${code}`).toBeInstanceOf(StowageError);
  expect((e as StowageError).code).toBe(code);
  return e as StowageError;
}

/** TarIndex is what indexing a tar file found: every entry with its data offset, the warnings, and how it failed. */
export interface TarIndex {
  entries: LayerEntry[];
  dataOffsets: number[];
  warnings: string[];
  error?: { code: string; where: unknown; message: string };
}

/** indexOf runs one way of indexing and records what it found, up to and including its failure. */
async function indexOf(
  items: (warn: (m: string) => void) => AsyncIterable<{ entry: LayerEntry; dataOffset: number }>,
): Promise<TarIndex> {
  const out: TarIndex = { entries: [], dataOffsets: [], warnings: [] };
  try {
    for await (const { entry, dataOffset } of items((m) => out.warnings.push(m))) {
      out.entries.push(entry);
      out.dataOffsets.push(dataOffset);
    }
  } catch (e) {
    if (!(e instanceof StowageError)) throw e;
    out.error = { code: e.code, where: e.where, message: e.message };
  }
  return out;
}

/** streamedIndex indexes a tar file by streaming all of it through readTar, bodies unread. */
export function streamedIndex(file: string): Promise<TarIndex> {
  return indexOf((onWarning) =>
    readTar(createReadStream(file, { highWaterMark: 1 << 20 }), { where: { file }, onWarning }),
  );
}

/** seekedIndex indexes a tar file with scanTarFile, which reads headers only. */
export function seekedIndex(file: string): Promise<TarIndex> {
  return indexOf((onWarning) => scanTarFile(file, { onWarning }));
}
