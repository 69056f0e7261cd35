/**
 * Observation with the sandbox runner: unpack an image into a temporary directory, run it traced
 * with the probes, delete the directory; then turn the trace into kept paths (what the run used)
 * or into the paths a slim run looked for and did not find.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageFs } from '../executable/image-fs.js';
import { resolvePath } from '../executable/resolve-path.js';
import type { FileTree } from '../filetree/file-tree.js';
import type { Image } from '../model/image.js';
import type { KeptSet } from './kept-set.js';
import type { Probe } from './probes.js';
import { runInSandbox, type SandboxRun } from './sandbox/sandbox-run.js';
import { unpackRootfs } from './sandbox/unpack-rootfs.js';
import type { RuntimeFacts } from './static-kept.js';

/** PSEUDO_FS are the mount points whose contents the runtime provides, never the image. */
const PSEUDO_FS = ['proc', 'dev', 'sys'];

/** observeRun unpacks `image` and runs it in the sandbox with `probes`. */
export async function observeRun(
  image: Image,
  tree: FileTree,
  facts: RuntimeFacts,
  probes: readonly Probe[],
  timeoutMs: number,
  onProgress: (message: string) => void,
): Promise<SandboxRun> {
  const dir = await mkdtemp(join(tmpdir(), 'stowage-slim-'));
  try {
    const rootfs = join(dir, 'rootfs');
    await mkdir(rootfs);
    onProgress(`unpacking ${image.ref().display} …`);
    await unpackRootfs(image, tree, rootfs);
    onProgress(`running ${facts.argv.join(' ')} in the sandbox …`);
    return await runInSandbox({
      rootfs,
      logDir: dir,
      argv: facts.argv,
      env: facts.env,
      workdir: facts.workdir,
      probes,
      timeoutMs,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** imagePath resolves a traced path in `fs`: its symlinks and final path, or undefined if absent or pseudo. */
function imagePath(
  fs: ImageFs,
  traced: string,
  workdir: string,
): { path: string; links: string[] } | undefined {
  let r;
  try {
    r = resolvePath(fs, traced, workdir);
  } catch {
    return undefined; // a loop or an escape the traced call itself must have failed on
  }
  if (!r.exists || r.path === '.' || PSEUDO_FS.includes(r.path.split('/')[0] as string)) return undefined;
  return r;
}

/** addObserved keeps every path the run used successfully. */
export function addObserved(fs: ImageFs, kept: KeptSet, run: SandboxRun, workdir: string): void {
  for (const [traced, call] of run.traced.opened) {
    const r = imagePath(fs, traced, workdir);
    if (r === undefined) continue;
    for (const l of r.links)
      kept.add(l, 'symlink', `symlink on the way to ${traced}, used by the observed run`);
    kept.add(r.path, 'observed', `${call} ${traced} succeeded in the observed run`);
  }
}

/** missingPaths lists the paths a slim run did not find that the original image has (sorted, with `/`). */
export function missingPaths(fs: ImageFs, kept: KeptSet, run: SandboxRun, workdir: string): string[] {
  const out = new Set<string>();
  for (const traced of run.traced.missing) {
    const r = imagePath(fs, traced, workdir);
    if (r !== undefined && kept.get(r.path) === undefined) out.add(`/${r.path}`);
  }
  return [...out].sort();
}
