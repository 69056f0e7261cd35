/**
 * loadExploreModel: reads an image for the explorer — the inspect report (the layer list), one audit
 * scan that also stacks the layers, waste over that stack, and with `against` the diff — and lays the
 * stack's change events out column-wise as the `stowage.explore/v1` model (see explore-types.ts).
 */
import { matchBaseLayers } from '../analysis/check/base-layers.js';
import { analyzeWaste } from '../analysis/waste/analyze-waste.js';
import { diffImages } from '../analysis/diff/diff-images.js';
import { readImageStack } from '../filetree/read-image.js';
import type { LayerStack } from '../filetree/layer-stack.js';
import { ROOT_ID } from '../filetree/path-trie.js';
import type { Image } from '../model/image.js';
import { readImageFacts } from './analyze-context.js';
import { auditImage } from './audit-report.js';
import { buildDiffReport } from './diff-report.js';
import {
  ENTRY_TYPES,
  EVENT_KINDS,
  EXPLORE_SCHEMA,
  type EventKind,
  type ExploreEvents,
  type ExploreModel,
  type ExplorePaths,
} from './explore-types.js';
import { buildInspectReport } from './inspect-report.js';
import { buildWasteReport } from './waste-report.js';

/** ExploreLoadOptions tune loadExploreModel. */
export interface ExploreLoadOptions {
  /** an image to compare against (A = `image`, B = `against`) */
  against?: Image;
  /** the base image, for collapsing its layers */
  base?: Image;
  /** whether the model's consumer can fetch file bodies (the server) */
  files: boolean;
  /**
   * inline: the audit's scan is the read that stacks the layers, and the model holds its report (a
   * report file); deferred: the layers are stacked without scanning, the model's `audit` is null, and
   * the caller runs the audit later (the server, so its first page does not wait for the scan)
   */
  audit: 'inline' | 'deferred';
  /** says what is being read, for a progress line */
  onProgress?: (message: string) => void;
  onWarning?: (message: string) => void;
  toolVersion?: string;
}

/** WASTE_PATHS is how many wasted paths the model lists (the CLI's default is 20). */
const WASTE_PATHS = 500;

/** loadExploreModel reads `image` (and `against`) and returns the model. */
export async function loadExploreModel(image: Image, opts: ExploreLoadOptions): Promise<ExploreModel> {
  const warnings: string[] = [];
  const onWarning = (m: string) => {
    warnings.push(m);
    opts.onWarning?.(m);
  };
  let inspected = 0;
  let stacked = 0;
  let total = 0;
  const say = () =>
    opts.onProgress?.(`reading layers: measured ${inspected}/${total}, stacked ${stacked}/${total} …`);
  const onLayerDone = (done: number, all: number) => {
    total = all;
    stacked = done;
    say();
  };
  const [facts, inspect, scanned] = await Promise.all([
    readImageFacts(image),
    buildInspectReport(image, {
      onProgress: (p) => {
        total = p.total;
        inspected = p.done;
        say();
      },
    }),
    opts.audit === 'inline'
      ? auditImage(image, {
          onWarning,
          ...(opts.toolVersion !== undefined && { toolVersion: opts.toolVersion }),
          onProgress: onLayerDone,
        })
      : stackOnly(image, onWarning, onLayerDone),
  ]);
  const { report: audit, stack } = scanned;
  for (const w of stack.warnings) if (!warnings.includes(w)) warnings.push(w);
  const waste = buildWasteReport(
    facts,
    analyzeWaste(stack, {
      topPaths: WASTE_PATHS,
      topDuplicates: WASTE_PATHS,
      topInefficiencies: WASTE_PATHS,
    }),
  );
  let diff: ExploreModel['diff'] = null;
  if (opts.against !== undefined) {
    opts.onProgress?.(`reading ${opts.against.ref().display} …`);
    const stackB = await readImageStack(opts.against, { onWarning });
    const d = await diffImages(image, opts.against, { stackA: stack, stackB });
    diff = buildDiffReport(image.ref().display, opts.against.ref().display, d);
  }
  let base: ExploreModel['base'] = null;
  if (opts.base !== undefined) {
    const baseFacts = await readImageFacts(opts.base);
    const { count } = matchBaseLayers(facts.layers, baseFacts.layers);
    base = { reference: baseFacts.reference, layers: count };
  }
  const { paths, idOf } = layPaths(stack);
  const { layerStart, events } = layEvents(stack, idOf);
  const model: ExploreModel = {
    schema: EXPLORE_SCHEMA,
    inspect,
    paths,
    layerStart,
    events,
    waste,
    audit,
    warnings,
    files: opts.files,
    base,
    diff,
  };
  return model;
}

/** stackOnly reads and stacks the layers without the audit's scan. */
async function stackOnly(
  image: Image,
  onWarning: (m: string) => void,
  onLayerDone: (done: number, all: number) => void,
): Promise<{ report: null; stack: LayerStack }> {
  const done = new Set<number>();
  const stack = await readImageStack(image, {
    onWarning,
    onProgress: (p) => {
      if (p.phase === 'done') done.add(p.layer);
      onLayerDone(done.size, p.layers);
    },
  });
  return { report: null, stack };
}

/**
 * layPaths numbers the paths depth-first with siblings by name (so the model does not depend on the
 * order two layers were read in, and a parent's id is below its children's) and returns the table
 * with the map from the stack's path ids to the model's.
 */
function layPaths(stack: LayerStack): { paths: ExplorePaths; idOf: Int32Array } {
  const trie = stack.trie;
  const idOf = new Int32Array(trie.size).fill(-1);
  const parent: number[] = [];
  const name: string[] = [];
  const todo: [number, number][] = [[ROOT_ID, -1]];
  while (todo.length > 0) {
    const [old, up] = todo.pop() as [number, number];
    idOf[old] = parent.length;
    parent.push(up);
    name.push(old === ROOT_ID ? '' : trie.name(old));
    const kids = [...trie.children(old)].sort((a, b) => compareNames(trie.name(b), trie.name(a)));
    for (const k of kids) todo.push([k, idOf[old] as number]);
  }
  return { paths: { parent, name }, idOf };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindOf(kind: string, modification: string | undefined): EventKind {
  if (kind === 'modified') return modification === 'metadata' ? 'metadata' : 'modified';
  return kind as EventKind;
}

/** layEvents lays every layer's changes out column-wise, layer by layer in change-set order. */
function layEvents(stack: LayerStack, idOf: Int32Array): { layerStart: number[]; events: ExploreEvents } {
  const e: ExploreEvents = {
    path: [],
    layer: [],
    kind: [],
    type: [],
    size: [],
    mode: [],
    uid: [],
    gid: [],
    source: [],
    links: {},
    fields: {},
  };
  const layerStart: number[] = [];
  for (let layer = 0; layer < stack.layerCount; layer++) {
    layerStart.push(e.path.length);
    for (const { change, node, pathId } of stack.changeNodes(layer)) {
      const row = e.path.length;
      e.path.push(idOf[pathId] as number);
      e.layer.push(layer);
      e.kind.push(EVENT_KINDS.indexOf(kindOf(change.kind, change.modification)));
      e.type.push(ENTRY_TYPES.indexOf(node.type));
      e.size.push(change.size);
      e.mode.push(node.mode);
      e.uid.push(node.uid);
      e.gid.push(node.gid);
      e.source.push(node.layer);
      if (node.linkTarget !== undefined) e.links[row] = node.linkTarget;
      if (change.fields !== undefined && change.fields.length > 0) e.fields[row] = change.fields;
    }
  }
  layerStart.push(e.path.length);
  return { layerStart, events: e };
}
