/**
 * optimizeImage: the one Image → Image transform behind squash, drop-waste and strip. It reads the
 * source's stacked layers once, plans every entry, then writes only the layers that change (an
 * untouched layer is reused byte for byte, so base layers stay shared); the result is lazy — nothing
 * is read or written until one of its methods is called — and deterministic.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { sweepLeftovers, trackTemp, untrackTemp } from '../model/temp-files.js';
import { join } from 'node:path';
import { readImageStack } from '../filetree/read-image.js';
import type { LayerStack } from '../filetree/layer-stack.js';
import type { Digest } from '../model/digest.js';
import { StowageError } from '../model/errors.js';
import type { Image, Layer } from '../model/image.js';
import { derivedImage, placeLayer } from './derived-image.js';
import { keepRule, type KeepOptions } from './keep-rules.js';
import { DEFAULT_COMPRESSION, type LayerCompression } from './layer-compression.js';
import { rewriteConfig, type OutputGroup } from './rewrite-config.js';
import { rewriteEntries } from './rewrite-entries.js';
import { planRewrite, type LayerPlan } from './rewrite-plan.js';
import { spoolLayer } from './spool-layer.js';
import { summarizePlan, type OptimizeSummary } from './summary.js';

/** OptimizeOptions choose the transforms and how rewritten layers are written. */
export interface OptimizeOptions extends KeepOptions {
  compression?: LayerCompression;
  /** directory for rewritten layer blobs, created if missing and kept (default: a new temporary directory, removed by close) */
  spoolDir?: string;
  /** receives progress messages */
  onProgress?: (message: string) => void;
  /** the source's stacked layers when the caller has read them already */
  stack?: LayerStack;
}

/** OptimizedImage is the transformed image plus what the transform did; close() frees its spool. */
export interface OptimizedImage extends Image {
  summary(): Promise<OptimizeSummary>;
  /** sourceStack is the source's stacked layers, as read for planning */
  sourceStack(): Promise<LayerStack>;
  close(): Promise<void>;
}

interface Built {
  image: Image;
  summary: OptimizeSummary;
  stack: LayerStack;
}

/** outputGroups lists the output layers: one per source layer, the squashed range as one. */
function outputGroups(n: number, opts: KeepOptions, plans: readonly LayerPlan[]): OutputGroup[] {
  const notes = [
    opts.dropWaste === true ? 'drop-waste' : '',
    opts.strip?.length ? `strip ${opts.strip.join(' ')}` : '',
    opts.keepOnly !== undefined ? `slim: ${opts.keepOnly.size} paths kept` : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
  const from = opts.squashFrom ?? n;
  const groups: OutputGroup[] = [];
  for (let i = 0; i < Math.min(from, n); i++) {
    groups.push({ sources: [i], rewritten: plans[i]?.untouched !== true, note: notes });
  }
  if (from < n) {
    const sources = Array.from({ length: n - from }, (_, k) => from + k);
    const rewritten = sources.length > 1 || plans[from]?.untouched !== true;
    groups.push({ sources, rewritten, note: notes });
  }
  return groups;
}

const SPOOL_PREFIX = 'stowage-optimize-';

/**
 * newSpool makes a spool directory `stowage-optimize-PID-XXXXXX` in the temporary directory,
 * tracked for removal on signals, after removing the spools of processes that no longer exist.
 */
async function newSpool(): Promise<string> {
  const pidOf = (name: string): number | undefined => {
    const m = /^stowage-optimize-(\d+)-/.exec(name);
    return m === null ? undefined : Number(m[1]);
  };
  await sweepLeftovers(tmpdir(), pidOf);
  const dir = await mkdtemp(join(tmpdir(), `${SPOOL_PREFIX}${process.pid}-`));
  trackTemp(dir);
  return dir;
}

/** optimizeImage returns `source` transformed by `opts`, lazily. */
export function optimizeImage(source: Image, opts: OptimizeOptions): OptimizedImage {
  let built: Promise<Built> | undefined;
  let spool: string | undefined;
  const progress = opts.onProgress ?? (() => {});

  async function build(): Promise<Built> {
    const layers = await source.layers();
    if (
      opts.squashFrom !== undefined &&
      (!Number.isInteger(opts.squashFrom) || opts.squashFrom < 0 || opts.squashFrom >= layers.length)
    ) {
      throw new StowageError(
        'USAGE',
        `cannot squash from layer ${opts.squashFrom}: the image has ${layers.length} layers`,
        {
          hint: `give a layer index from 0 to ${layers.length - 1}`,
        },
      );
    }
    if (opts.stack === undefined) progress('reading layers …');
    const stack = opts.stack ?? (await readImageStack(source));
    const plans = planRewrite(stack, keepRule(stack, opts));
    const groups = outputGroups(layers.length, opts, plans);
    if (opts.spoolDir !== undefined) await mkdir(opts.spoolDir, { recursive: true });
    spool = opts.spoolDir ?? (await newSpool());
    const out: Layer[] = [];
    const tarSizes: (number | undefined)[] = [];
    for (const g of groups) {
      const index = out.length;
      const first = layers[g.sources[0] ?? 0] as Layer;
      if (!g.rewritten) {
        out.push(placeLayer(first, index));
        tarSizes.push(undefined);
        continue;
      }
      progress(
        `writing layer ${index} from source layer${g.sources.length > 1 ? 's' : ''} ${g.sources.join(', ')} …`,
      );
      const written = await spoolLayer(
        rewriteEntries(layers, plans, g.sources),
        index,
        opts.compression ?? DEFAULT_COMPRESSION,
        spool,
      );
      out.push(written.layer);
      tarSizes.push(written.tarSize);
    }
    const diffIds: Digest[] = [];
    for (const l of out) diffIds.push(await l.diffId());
    const config = rewriteConfig(await source.rawConfig(), groups, diffIds);
    const image = await derivedImage(source, out, config);
    const summary = summarizePlan(stack, plans, opts, layers, groups, out, tarSizes);
    return { image, summary, stack };
  }

  const get = (): Promise<Built> => (built ??= build());
  const img = async (): Promise<Image> => (await get()).image;
  return {
    ref: () => ({ ...source.ref(), display: `${source.ref().display} (optimized)` }),
    manifestDigest: async () => (await img()).manifestDigest(),
    manifest: async () => (await img()).manifest(),
    rawManifest: async () => (await img()).rawManifest(),
    config: async () => (await img()).config(),
    rawConfig: async () => (await img()).rawConfig(),
    layers: async () => (await img()).layers(),
    index: () => Promise.resolve(undefined),
    platform: () => source.platform(),
    summary: async () => (await get()).summary,
    sourceStack: async () => (await get()).stack,
    async close() {
      if (spool !== undefined && opts.spoolDir === undefined) {
        await rm(spool, { recursive: true, force: true });
        untrackTemp(spool);
      }
    },
  };
}

/** squash returns `source` with layers from `from` (default 0: all) squashed into one. */
export function squash(
  source: Image,
  from = 0,
  opts: Omit<OptimizeOptions, 'squashFrom'> = {},
): OptimizedImage {
  return optimizeImage(source, { ...opts, squashFrom: from });
}

/** dropWaste returns `source` without the file versions its final filesystem no longer shows. */
export function dropWaste(source: Image, opts: Omit<OptimizeOptions, 'dropWaste'> = {}): OptimizedImage {
  return optimizeImage(source, { ...opts, dropWaste: true });
}

/** strip returns `source` without the paths matching `globs` (and everything below them). */
export function strip(
  source: Image,
  globs: readonly string[],
  opts: Omit<OptimizeOptions, 'strip'> = {},
): OptimizedImage {
  return optimizeImage(source, { ...opts, strip: globs });
}
