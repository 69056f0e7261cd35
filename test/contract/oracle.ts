/**
 * The contract tests' oracle: what skopeo says an image's manifest and config are (read from a
 * file, a registry or an engine), and what Python's tarfile lists in a layer blob (decompressed by
 * gzip or zstd), normalised the way LayerEntry documents. Nothing here uses stowage code.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../fixtures/run.js';
import type { PyMember } from '../tar/helpers.js';

const TAR_ORACLE = fileURLToPath(new URL('../tar/tar-oracle.py', import.meta.url));

/** sha256 returns the `sha256:<hex>` digest of bytes. */
export function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * OracleSource is an image as skopeo reaches it: a transport reference (`oci:DIR:tag`,
 * `docker://HOST/repo:tag`, `docker-daemon:NAME`, …) and the flags that transport needs.
 */
export interface OracleSource {
  ref: string;
  /** flags for `skopeo inspect` (`--tls-verify=false`, `--daemon-host HOST`) */
  inspectFlags?: string[];
  /** the same settings for the source side of `skopeo copy` (`--src-tls-verify=false`, …) */
  copyFlags?: string[];
}

/** platformFlags are skopeo's global flags that pick `os/arch` from an index. */
function platformFlags(platform: string | undefined): string[] {
  if (platform === undefined) return [];
  const [os, arch] = platform.split('/');
  return ['--override-os', os ?? '', '--override-arch', arch ?? ''];
}

/** inspectRaw returns the raw top-level document skopeo reads for `src`. */
function inspectRaw(src: OracleSource): Promise<Buffer> {
  return run('skopeo', ['inspect', '--raw', ...(src.inspectFlags ?? []), src.ref]);
}

/**
 * skopeoManifest returns the raw manifest skopeo reads for `src`. With a platform, skopeo copies
 * that platform's image to a scratch layout (a copy that keeps the manifest's bytes) and the
 * manifest is read from there, since `inspect --raw` would return the index.
 */
export async function skopeoManifest(
  src: OracleSource,
  platform: string | undefined,
  scratch: string,
): Promise<Buffer> {
  if (platform === undefined) return inspectRaw(src);
  const dest = `oci:${join(scratch, `picked-${platform.replace(/\//g, '-')}`)}:picked`;
  await run('skopeo', [
    ...platformFlags(platform),
    'copy',
    '--quiet',
    ...(src.copyFlags ?? []),
    src.ref,
    dest,
  ]);
  return inspectRaw({ ref: dest });
}

/** skopeoIndex returns the raw top-level document skopeo reads for `src` (an index, for lists). */
export function skopeoIndex(src: OracleSource): Promise<Buffer> {
  return inspectRaw(src);
}

/** skopeoConfig returns the raw config skopeo reads for `src` on `platform`. */
export function skopeoConfig(src: OracleSource, platform: string | undefined): Promise<Buffer> {
  return run('skopeo', [
    ...platformFlags(platform),
    'inspect',
    '--config',
    '--raw',
    ...(src.inspectFlags ?? []),
    src.ref,
  ]);
}

/** unpackArchive extracts an archive with GNU tar into `dir` and returns `dir`. */
export async function unpackArchive(file: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await run('tar', ['-xf', file, '-C', dir]);
  return dir;
}

/**
 * BlobFinder maps a digest to the regular file under `root` with that content — wherever the
 * format keeps it (`blobs/sha256/<hex>`, `<diffid>.tar`, a registry's `…/<hex>/data`, …), so
 * the oracle needs no format logic.
 */
export class BlobFinder {
  private byDigest: Promise<Map<string, string>> | undefined;

  constructor(private readonly root: string) {}

  /** path returns the file holding `digest`, or throws naming the root searched. */
  async path(digest: string): Promise<string> {
    this.byDigest ??= this.scan();
    const found = (await this.byDigest).get(digest);
    if (found === undefined) throw new Error(`no file under ${this.root} has digest ${digest}`);
    return found;
  }

  private async scan(): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const entry of await readdir(this.root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name);
      map.set(sha256(await readFile(file)), file);
    }
    return map;
  }
}

/** OracleEntry is one tar member as the LayerEntry contract says stowage must report it. */
export interface OracleEntry {
  path: string;
  /** the stored name, normalised like `path` (tarfile drops a directory's trailing slash) */
  rawPath: string;
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkTarget?: string;
  whiteout?: 'file' | 'opaque';
}

/**
 * normalisePath applies LayerEntry's rule: relative, no leading `./` or `/`, no trailing `/`,
 * and `.` for the root.
 */
export function normalisePath(name: string): string {
  let p = name;
  for (;;) {
    const next = p.replace(/^\.\//, '').replace(/^\/+/, '');
    if (next === p) break;
    p = next;
  }
  p = p.replace(/\/+$/, '');
  return p === '' || p === '.' ? '.' : p;
}

/** toOracleEntry normalises one tarfile member, resolving whiteout names to their targets. */
function toOracleEntry(m: PyMember): OracleEntry {
  const rawPath = normalisePath(m.name);
  const e: OracleEntry = {
    path: rawPath,
    rawPath,
    type: m.type,
    size: m.type === 'file' ? m.size : 0,
    mode: m.mode & 0o7777,
    uid: m.uid,
    gid: m.gid,
    mtime: m.mtime,
  };
  if (m.type === 'symlink') e.linkTarget = m.linkname;
  if (m.type === 'hardlink') e.linkTarget = normalisePath(m.linkname);
  const base = posix.basename(rawPath);
  if (base.startsWith('.wh.')) {
    const dir = posix.dirname(rawPath);
    if (base === '.wh..wh..opq') {
      e.whiteout = 'opaque';
      e.path = dir;
    } else {
      e.whiteout = 'file';
      e.path = dir === '.' ? base.slice(4) : `${dir}/${base.slice(4)}`;
    }
  }
  return e;
}

/** decompressorFor picks the command that turns a blob into tar bytes, by its magic bytes. */
async function decompressorFor(blob: string): Promise<string> {
  const fh = await open(blob, 'r');
  try {
    const { buffer } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    if (buffer[0] === 0x1f && buffer[1] === 0x8b) return 'gzip -dc';
    if (buffer.readUInt32LE(0) === 0xfd2fb528) return 'zstd -dc';
    return 'cat';
  } finally {
    await fh.close();
  }
}

/** listLayerBlob lists a layer blob's entries with gzip/zstd and Python's tarfile. */
export async function listLayerBlob(blob: string): Promise<OracleEntry[]> {
  const decompress = await decompressorFor(blob);
  const out = await run('bash', [
    '-o',
    'pipefail',
    '-c',
    `${decompress} < "$1" | python3 "$2" -`,
    'oracle',
    blob,
    TAR_ORACLE,
  ]);
  return (JSON.parse(out.toString('utf8')) as PyMember[]).map(toOracleEntry);
}
