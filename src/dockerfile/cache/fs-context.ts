/**
 * A build context read from a directory: every path's metadata up front (lstat, no mtime), file
 * content hashed only when a COPY selects it.
 */
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { StowageError } from '../../model/errors.js';
import type { ContextEntry, ContextSnapshot } from './model.js';

async function walk(root: string, rel: string, out: Map<string, ContextEntry>): Promise<void> {
  const names = await readdir(join(root, rel));
  for (const name of names.sort()) {
    const path = rel === '' ? name : `${rel}/${name}`;
    if (path === '.git') continue;
    const st = await lstat(join(root, path));
    const base = { path, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, size: st.size };
    if (st.isSymbolicLink()) {
      out.set(path, { ...base, type: 'symlink', linkTarget: await readlink(join(root, path)) });
    } else if (st.isDirectory()) {
      out.set(path, { ...base, type: 'dir', size: 0 });
      await walk(root, path, out);
    } else if (st.isFile()) {
      out.set(path, { ...base, type: 'file' });
    }
  }
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => h.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(`sha256:${h.digest('hex')}`));
  });
}

/** readDirContext snapshots the directory `dir` (its `.git` is skipped) as a build context. */
export async function readDirContext(dir: string): Promise<ContextSnapshot> {
  const entries = new Map<string, ContextEntry>();
  try {
    await walk(dir, '', entries);
  } catch (e) {
    throw new StowageError('NOT_FOUND', 'cannot read the build context', {
      where: { file: dir },
      hint: 'pass an existing directory with --context',
      cause: e,
    });
  }
  const digests = new Map<string, Promise<string>>();
  return {
    label: dir,
    entries,
    async readText(path) {
      if (entries.get(path)?.type !== 'file') return undefined;
      return readFile(join(dir, path), 'utf8');
    },
    contentDigest(path) {
      let d = digests.get(path);
      if (d === undefined) {
        d = hashFile(join(dir, path));
        digests.set(path, d);
      }
      return d;
    },
  };
}
