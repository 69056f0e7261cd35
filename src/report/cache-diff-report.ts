/**
 * buildCacheDiffReport: the `stowage.cache.diff/v1` document — per stage the first missed step, the
 * files and values that caused it, every step rebuilt as a consequence and, given the built image,
 * the layer bytes those steps produce (see docs/cache.md).
 */
import type { MissCause, StepOutcome, CacheDiff } from '../dockerfile/cache/diff.js';
import type { BuildPlan } from '../dockerfile/cache/model.js';
import { alignHistory } from '../model/config.js';
import type { Image } from '../model/image.js';

/** CACHE_DIFF_SCHEMA is the `schema` value of a diff document. */
export const CACHE_DIFF_SCHEMA = 'stowage.cache.diff/v1';

/** CacheStepJson is one step's outcome; `bytes` is its layer's compressed size when an image was given. */
export interface CacheStepJson {
  index: number;
  line: number;
  instruction: string;
  status: StepOutcome['status'];
  causes: MissCause[];
  layer: number | null;
  bytes: number | null;
}

/** CacheDiffDocument is the whole document. */
export interface CacheDiffDocument {
  schema: typeof CACHE_DIFF_SCHEMA;
  builder: string;
  before: string;
  after: string;
  stages: {
    index: number;
    name: string | null;
    needed: boolean;
    firstMiss: CacheStepJson | null;
    rebuilt: CacheStepJson[];
  }[];
  /** image is the built image the bytes come from, or null */
  image: { reference: string; rebuiltLayers: number; rebuiltBytes: number } | null;
}

/** StepLayer maps `stage:index` to a layer of the built image. */
type StepLayers = Map<string, { layer: number; bytes: number }>;

/**
 * mapStepsToLayers assigns the image's last layers, in order, to the layer-making steps (RUN, COPY,
 * ADD) of the target stage and the stages it is built FROM. history entries with empty_layer are
 * skipped (alignHistory); when the image has fewer layers than steps nothing is mapped.
 */
export async function mapStepsToLayers(plan: BuildPlan, image: Image): Promise<StepLayers> {
  const chain: number[] = [];
  for (let s: number | undefined = plan.target; s !== undefined;) {
    chain.unshift(s);
    s = plan.stages[s]?.steps[0]?.inputs.fromStages[0];
  }
  const steps = chain.flatMap((s) =>
    (plan.stages[s]?.steps ?? [])
      .filter((st) => st.kind === 'run' || st.kind === 'copy')
      .map((st) => `${s}:${st.index}`),
  );
  const layers = await image.layers();
  const aligned = alignHistory(await image.config(), layers.length).filter((h) => h.layerIndex !== undefined);
  const out: StepLayers = new Map();
  if (aligned.length < steps.length) return out;
  const tail = aligned.slice(aligned.length - steps.length);
  steps.forEach((key, i) => {
    const li = tail[i]!.layerIndex!;
    out.set(key, { layer: li, bytes: layers[li]!.size });
  });
  return out;
}

function stepJson(o: StepOutcome, layers: StepLayers): CacheStepJson {
  const l = layers.get(`${o.stage}:${o.index}`);
  return {
    index: o.index,
    line: o.line,
    instruction: o.instruction,
    status: o.status,
    causes: o.causes,
    layer: l?.layer ?? null,
    bytes: l?.bytes ?? null,
  };
}

/** buildCacheDiffReport turns a diff (and optionally the after-plan's built image) into its document. */
export async function buildCacheDiffReport(
  diff: CacheDiff,
  built?: { plan: BuildPlan; image: Image; reference: string },
): Promise<CacheDiffDocument> {
  const layers: StepLayers =
    built === undefined ? new Map() : await mapStepsToLayers(built.plan, built.image);
  const stages = diff.stages.map((s) => ({
    index: s.index,
    name: s.name,
    needed: s.needed,
    firstMiss: s.firstMiss === null ? null : stepJson(s.firstMiss, layers),
    rebuilt: s.rebuilt.map((o) => stepJson(o, layers)),
  }));
  const rebuiltSteps = stages.flatMap((s) => s.rebuilt).filter((r) => r.bytes !== null);
  return {
    schema: CACHE_DIFF_SCHEMA,
    builder: diff.builder,
    before: diff.before,
    after: diff.after,
    stages,
    image:
      built === undefined
        ? null
        : {
            reference: built.reference,
            rebuiltLayers: rebuiltSteps.length,
            rebuiltBytes: rebuiltSteps.reduce((n, r) => n + (r.bytes ?? 0), 0),
          },
  };
}
