/**
 * unpackRootfs: writes an image's final filesystem into a directory for the sandbox to chroot into.
 * Only each path's visible version is written (so no whiteout is ever applied on disk), layer by
 * layer, with modes and owners as stored; devices are skipped and a minimal /dev (null, zero, full,
 * random, urandom) is made instead. A write whose parent resolves outside the directory is refused.
 */
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { chmod, chown, lchown, link, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import type { FileTree } from '../../filetree/file-tree.js';
import { StowageError } from '../../model/errors.js';
import type { Image } from '../../model/image.js';
import type { LayerEntry } from '../../model/layer-entry.js';

const run = promisify(execFile);

const DEVICES: [string, number, number][] = [
  ['null', 1, 3],
  ['zero', 1, 5],
  ['full', 1, 7],
  ['random', 1, 8],
  ['urandom', 1, 9],
];

/** unpackRootfs writes the visible files of `image` (merged tree `tree`) under `dir` (which exists). */
export async function unpackRootfs(image: Image, tree: FileTree, dir: string): Promise<void> {
  const root = await realpath(dir);
  const checked = new Set<string>([root]);
  const place = (path: string) => placeIn(root, path, checked);
  const layers = await image.layers();
  // small files are written WRITE_AHEAD at a time while the next entries are read; anything else
  // (a directory, a link, a big file, a path already in flight) first waits for them
  const pending = new Map<string, Promise<void>>();
  const flush = async () => {
    await Promise.all(pending.values());
    pending.clear();
  };
  for (const layer of layers) {
    for await (const item of layer.items()) {
      const e = item.entry;
      if (e.whiteout !== undefined || e.path === '.') continue;
      if (tree.get(e.path)?.layer !== layer.index) continue;
      const target = await place(e.path);
      if (e.type === 'file' && e.size <= SMALL_FILE) {
        if (pending.has(target) || pending.size >= WRITE_AHEAD) await flush();
        const chunks: Buffer[] = [];
        for await (const c of item.body()) chunks.push(c);
        const body = Buffer.concat(chunks);
        pending.set(
          target,
          rm(target, { recursive: true, force: true })
            .then(() => writeFile(target, body, { mode: 0o600, flag: 'wx' }))
            .then(() => setOwner(e, target)),
        );
        continue;
      }
      await flush();
      if (e.type === 'file') {
        await rm(target, { recursive: true, force: true });
        await pipeline(
          item.body(),
          createWriteStream(target, { mode: 0o600, flags: 'wx', highWaterMark: 1 << 20 }),
        );
      } else if (e.type === 'dir') await mkdir(target, { recursive: true });
      else if (e.type === 'symlink') {
        await rm(target, { recursive: true, force: true });
        await symlink(e.linkTarget ?? '', target);
      } else if (e.type === 'hardlink') {
        await rm(target, { recursive: true, force: true });
        await link(await place(e.linkTarget ?? ''), target).catch(() => undefined);
        continue;
      } else continue;
      await setOwner(e, target);
    }
    await flush();
  }
  await makeDev(root);
}

/** WRITE_AHEAD is how many small files are written at once. */
const WRITE_AHEAD = 32;

/** SMALL_FILE is the largest body written in one call instead of streamed. */
const SMALL_FILE = 1 << 20;

/**
 * placeIn returns where `path` goes under `root`, creating its parents and refusing a parent that
 * resolves outside the root; `checked` remembers parents already made and checked.
 */
async function placeIn(root: string, path: string, checked: Set<string>): Promise<string> {
  if (path.split('/').includes('..')) {
    throw new StowageError('CORRUPT_TAR', `layer entry ${path} climbs out of the root`, { where: { path } });
  }
  const target = join(root, path);
  const dir = dirname(target);
  if (checked.has(dir)) return target;
  await mkdir(dir, { recursive: true });
  const parent = await realpath(dir);
  if (parent !== root && !parent.startsWith(`${root}/`)) {
    throw new StowageError('CORRUPT_TAR', `layer entry ${path} would be written outside the root`, {
      where: { path },
    });
  }
  checked.add(dir);
  return target;
}

async function setOwner(e: LayerEntry, target: string): Promise<void> {
  if (e.type === 'symlink') {
    await lchown(target, e.uid, e.gid);
    return;
  }
  await chown(target, e.uid, e.gid);
  await chmod(target, e.mode);
}

async function makeDev(root: string): Promise<void> {
  const dev = join(root, 'dev');
  await rm(dev, { recursive: true, force: true });
  await mkdir(dev, { mode: 0o755 });
  for (const [name, major, minor] of DEVICES) {
    await run('mknod', ['-m', '666', join(dev, name), 'c', String(major), String(minor)]);
  }
  await mkdir(join(root, 'proc'), { recursive: true });
}
