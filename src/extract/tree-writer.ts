/**
 * TreeWriter: writes layer entries under a root directory and never outside it. Every path is
 * cleaned (`..` stops at the root, a leading `/` is dropped) and its parent resolved with
 * secureJoin, so symlinks already written are followed only as if the root were `/`; the last
 * component is never followed — a file replaces a symlink in its place rather than writing through
 * it. Each file, symlink and hard link is made under a temporary name and renamed into place.
 * Directory modes and times are applied at the end, deepest first, so a read-only directory can
 * still be filled. Owners are not applied (the files belong to whoever runs stowage, like
 * `umoci unpack --rootless`); setuid/setgid bits are dropped; devices and FIFOs are skipped.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, link, lstat, lutimes, mkdir, rename, rm, symlink, utimes } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StowageError } from '../model/errors.js';
import type { LayerEntry } from '../model/layer-entry.js';
import { cleanRelative, secureJoin } from './secure-join.js';

/** ExtractSummary counts what an extraction wrote and lists what it skipped. */
export interface ExtractSummary {
  files: number;
  dirs: number;
  symlinks: number;
  hardlinks: number;
  /** bytes of file content written */
  bytes: number;
  skipped: { path: string; type: string; reason: string }[];
}

/** TreeWriter writes entries into one root directory. */
export class TreeWriter {
  readonly summary: ExtractSummary = { files: 0, dirs: 0, symlinks: 0, hardlinks: 0, bytes: 0, skipped: [] };
  private readonly dirTimes: { host: string; mode: number; mtime: number }[] = [];

  constructor(private readonly root: string) {}

  /** write writes one entry; `body` is read only for regular files. */
  async write(entry: LayerEntry, body: () => AsyncIterable<Buffer>): Promise<void> {
    const rel = cleanRelative(entry.path);
    if (rel === '') return;
    if (entry.type === 'char' || entry.type === 'block' || entry.type === 'fifo') {
      this.summary.skipped.push({ path: rel, type: entry.type, reason: 'devices and FIFOs are not created' });
      return;
    }
    const parent = await this.parentOf(rel);
    const host = join(parent, posix.basename(rel));
    const existing = await lstat(host).catch(() => undefined);
    if (entry.type === 'dir') {
      if (existing?.isDirectory() !== true) {
        if (existing !== undefined) await rm(host, { recursive: true, force: true });
        await mkdir(host);
      }
      this.dirTimes.push({ host, mode: entry.mode & 0o1777, mtime: entry.mtime });
      this.summary.dirs++;
      return;
    }
    if (existing?.isDirectory() === true) await rm(host, { recursive: true, force: true });
    const tmp = join(parent, `.stowage-tmp-${randomBytes(6).toString('hex')}`);
    try {
      if (!(await this.make(entry, tmp, body))) return;
      await rename(tmp, host);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** finish applies directory modes and times, deepest first. */
  async finish(): Promise<ExtractSummary> {
    const dirs = [...this.dirTimes].sort((a, b) => b.host.length - a.host.length);
    for (const d of dirs) {
      await chmod(d.host, d.mode);
      await utimes(d.host, d.mtime, d.mtime);
    }
    return this.summary;
  }

  /** parentOf resolves and creates the directory `rel` goes in. */
  private async parentOf(rel: string): Promise<string> {
    const dir = posix.dirname(rel);
    const parent = dir === '.' ? this.root : await secureJoin(this.root, dir, rel);
    try {
      await mkdir(parent, { recursive: true });
    } catch (e) {
      throw new StowageError('CORRUPT_TAR', 'cannot make the directory this entry goes in', {
        where: { path: rel },
        hint: 'a file stands where the image expects a directory',
        cause: e,
      });
    }
    return parent;
  }

  /** make creates the entry at `tmp`; false when it was skipped. */
  private async make(entry: LayerEntry, tmp: string, body: () => AsyncIterable<Buffer>): Promise<boolean> {
    if (entry.type === 'symlink') {
      await symlink(entry.linkTarget ?? '', tmp);
      await lutimes(tmp, entry.mtime, entry.mtime);
      this.summary.symlinks++;
      return true;
    }
    if (entry.type === 'hardlink') {
      const target = await secureJoin(this.root, cleanRelative(entry.linkTarget ?? ''));
      if ((await lstat(target).catch(() => undefined))?.isFile() !== true) {
        this.summary.skipped.push({
          path: cleanRelative(entry.path),
          type: entry.type,
          reason: `its target ${entry.linkTarget ?? ''} was not extracted`,
        });
        return false;
      }
      await link(target, tmp);
      this.summary.hardlinks++;
      return true;
    }
    const out = createWriteStream(tmp, { flags: 'wx', highWaterMark: 1 << 20 });
    await pipeline(Readable.from(body(), { objectMode: false }), out);
    await chmod(tmp, entry.mode & 0o777);
    await utimes(tmp, entry.mtime, entry.mtime);
    this.summary.files++;
    this.summary.bytes += out.bytesWritten;
    return true;
  }
}
