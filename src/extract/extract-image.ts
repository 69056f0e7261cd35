/**
 * extractImage: writes an image's final filesystem, or what one layer stores (versions later layers
 * deleted or overwrote included), into a directory — optionally only some paths and what lies
 * below them. The target must be empty (or missing) unless `force` is given; nothing is ever written
 * outside it (see TreeWriter).
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import type { LayerStack } from '../filetree/layer-stack.js';
import { StowageError } from '../model/errors.js';
import type { Image, Layer } from '../model/image.js';
import type { LayerEntry } from '../model/layer-entry.js';
import { normalizePath } from '../tar/entry-path.js';
import { isUnder } from './locate.js';
import { type ExtractSummary, TreeWriter } from './tree-writer.js';

/** ExtractOptions choose what is extracted. */
export interface ExtractOptions {
  /** extract what layer N stores (whiteouts are not applied); default: the final filesystem */
  layer?: number;
  /** the final filesystem's stacked layers; required without `layer` */
  stack?: LayerStack;
  /** only these paths (and what is below them); default everything */
  paths?: string[];
  /** write into a directory that is not empty, replacing whatever is in the way */
  force?: boolean;
  /** called as each layer is started */
  onLayer?: (layer: number, layers: number) => void;
}

/** extractImage writes the chosen entries of `image` under `dir` and says what it wrote. */
export async function extractImage(image: Image, dir: string, opts: ExtractOptions): Promise<ExtractSummary> {
  const layers = await image.layers();
  if (opts.layer !== undefined && (opts.layer < 0 || opts.layer >= layers.length)) {
    throw new StowageError('USAGE', `layer ${opts.layer} does not exist: the image has ${layers.length}`, {
      hint: `give a layer from 0 to ${layers.length - 1}`,
    });
  }
  const keep = chooser(opts);
  await prepareTarget(dir, opts.force === true);
  const writer = new TreeWriter(dir);
  const indexes = opts.layer !== undefined ? [opts.layer] : layers.map((_, i) => i);
  for (const i of indexes) {
    opts.onLayer?.(i, layers.length);
    for await (const item of (layers[i] as Layer).items()) {
      if (item.entry.whiteout !== undefined || !keep(item.entry, i)) continue;
      await writer.write(item.entry, () => item.body());
    }
  }
  return writer.finish();
}

/** chooser returns the test an entry of a layer must pass to be written. */
function chooser(opts: ExtractOptions): (e: LayerEntry, layer: number) => boolean {
  const wanted = opts.paths?.map((p) => normalizePath(p));
  const selected = (path: string) => wanted === undefined || wanted.some((w) => isUnder(path, w));
  if (opts.layer !== undefined) return (e) => selected(e.path);
  const stack = opts.stack;
  if (stack === undefined)
    throw new StowageError('INTERNAL', 'extracting the final filesystem needs its stack');
  return (e, layer) => {
    if (!selected(e.path)) return false;
    const node = stack.tree.get(e.path) ?? stack.tree.get(throughLinks(stack, e.path));
    return node !== undefined && node.layer === layer && !node.implicit;
  };
}

/** MAX_HOPS bounds symlink resolution, as the kernel's and umoci's resolvers do. */
const MAX_HOPS = 255;

/**
 * throughLinks resolves `path`'s parent directories through the merged tree's symlinks, inside the
 * root (as the stacker placed an entry stored below a symlinked directory), e.g. `up/x` with
 * `up -> ../..` is `x`, and `abs/x` with `abs -> /tmp` is `tmp/x`.
 */
function throughLinks(stack: LayerStack, path: string): string {
  const todo = path.split('/');
  const done: string[] = [];
  for (let hops = 0; todo.length > 0;) {
    const seg = todo.shift() as string;
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      done.pop();
      continue;
    }
    const node = todo.length > 0 ? stack.tree.get([...done, seg].join('/')) : undefined;
    if (node?.type === 'symlink' && node.linkTarget !== undefined && hops++ < MAX_HOPS) {
      if (node.linkTarget.startsWith('/')) done.length = 0;
      todo.unshift(...node.linkTarget.split('/'));
      continue;
    }
    done.push(seg);
  }
  return done.join('/');
}

/** prepareTarget makes `dir` if missing and refuses one with content unless `force`. */
async function prepareTarget(dir: string, force: boolean): Promise<void> {
  const st = await stat(dir).catch(() => undefined);
  if (st === undefined) {
    await mkdir(dir, { recursive: true });
    return;
  }
  if (!st.isDirectory()) {
    throw new StowageError('USAGE', 'the extraction target is not a directory', {
      where: { file: dir },
      hint: 'give --to a directory, or a path that does not exist yet',
    });
  }
  if (!force && (await readdir(dir)).length > 0) {
    throw new StowageError('USAGE', 'the extraction target is not empty', {
      where: { file: dir },
      hint: 'give an empty or new directory, or pass --force to write over what is there',
    });
  }
}
