/**
 * evaluateCheck: the CI gate. Measures an image (exact waste over the judged layers, sizes, layer
 * count, dive's numbers) and compares each configured threshold.
 *
 * Judged waste: with `baseLayers` = b, a wasted file version counts when it is stored in a layer ≥ b
 * or was removed by a layer ≥ b (the user's layers made or caused it); waste entirely inside the base
 * is not the user's. The judged bytes are the user's layers' file bytes plus the base bytes they
 * removed, so efficiency = 1 − judged waste / judged bytes stays within 0–1. Paths matching an
 * ignore glob count in neither. Sizes and layer count are the whole image's. dive's numbers are
 * dive's own (dive always treats layer 0 as the base); ignore globs remove matching paths from
 * dive's wasted bytes only.
 */
import picomatch from 'picomatch';
import type { LayerStack } from '../../filetree/layer-stack.js';
import type { DiveScore } from '../waste/dive-score.js';
import type { CheckConfig, DiveRules } from './check-config.js';

/** CheckMetrics are the measured values the rules compare. */
export interface CheckMetrics {
  layers: number;
  /** leading layers excluded as the base image's */
  baseLayers: number;
  /** Σ blob sizes (stored, compressed) */
  compressedSize: number;
  /** Σ file content bytes over all layers */
  uncompressedSize: number;
  /** file bytes of the judged layers (plus base bytes they removed) */
  judgedBytes: number;
  reclaimableBytes: number;
  /** reclaimableBytes / judgedBytes, 0 when nothing is judged */
  reclaimableRatio: number;
  /** 1 − reclaimableRatio */
  efficiency: number;
  dive: { efficiency: number; wastedBytes: number; userWastedRatio: number | null };
}

/** RuleStatus is a rule's outcome; 'skip' for a rule set to `disabled`. */
export type RuleStatus = 'pass' | 'fail' | 'skip';

/** CheckRuleResult is one threshold compared. */
export interface CheckRuleResult {
  /** stable id, e.g. `max-reclaimable-bytes`, `dive.lowestEfficiency` */
  id: string;
  description: string;
  unit: 'ratio' | 'bytes' | 'percent' | 'count';
  /** the configured limit, null when disabled */
  limit: number | null;
  /** the measured value, null when skipped or not measurable */
  actual: number | null;
  status: RuleStatus;
  message: string;
}

/** CheckInput is what the gate needs about the image. */
export interface CheckInput {
  stack: LayerStack;
  /** blob sizes per layer */
  compressedSizes: readonly number[];
  /** dive's score with every inefficiency listed (no `top`) */
  dive: DiveScore;
  baseLayers: number;
}

/** CheckOutcome is the measured values and every rule's result. */
export interface CheckOutcome {
  passed: boolean;
  metrics: CheckMetrics;
  rules: CheckRuleResult[];
  /** the judged wasted paths, most bytes first (at most 20) */
  topWaste: { path: string; bytes: number; layer: number; killedBy: number; reason: string }[];
}

/** measure computes the metrics. */
export function measure(
  input: CheckInput,
  ignore: readonly string[] = [],
): CheckMetrics & { top: CheckOutcome['topWaste'] } {
  const ignored =
    ignore.length === 0
      ? () => false
      : picomatch(
          ignore.map((g) => g.replace(/^\/+/, '')),
          { dot: true },
        );
  const b = input.baseLayers;
  let uncompressed = 0;
  let judged = 0;
  let reclaimable = 0;
  const top: CheckOutcome['topWaste'] = [];
  for (const v of input.stack.fileVersions()) {
    uncompressed += v.size;
    if (ignored(v.path)) continue;
    const killer = v.killedBy ?? -1;
    const user = v.layer >= b || (!v.live && killer >= b);
    if (!user) continue;
    judged += v.size;
    if (v.live) continue;
    reclaimable += v.size;
    top.push({
      path: v.path,
      bytes: v.size,
      layer: v.layer,
      killedBy: killer,
      reason: v.reason ?? 'overwritten',
    });
  }
  top.sort((x, y) => y.bytes - x.bytes || (x.path < y.path ? -1 : 1));
  const d = input.dive;
  const diveWasted =
    d.wastedBytes - d.inefficiencies.filter((i) => ignored(i.path)).reduce((a, i) => a + i.cumulativeSize, 0);
  const ratio = judged === 0 ? 0 : reclaimable / judged;
  return {
    layers: input.stack.layerCount,
    baseLayers: b,
    compressedSize: input.compressedSizes.reduce((a, n) => a + n, 0),
    uncompressedSize: uncompressed,
    judgedBytes: judged,
    reclaimableBytes: reclaimable,
    reclaimableRatio: ratio,
    efficiency: 1 - ratio,
    dive: {
      efficiency: d.efficiency,
      wastedBytes: diveWasted,
      userWastedRatio: d.userSizeBytes === 0 ? null : diveWasted / d.userSizeBytes,
    },
    top: top.slice(0, 20),
  };
}

type Limit = number | 'disabled' | undefined;

function rule(
  id: string,
  description: string,
  unit: CheckRuleResult['unit'],
  limit: Limit,
  actual: number | null,
  fails: (actual: number, limit: number) => boolean,
  explain: (actual: number, limit: number) => string,
): CheckRuleResult | undefined {
  if (limit === undefined) return undefined;
  if (limit === 'disabled')
    return { id, description, unit, limit: null, actual: null, status: 'skip', message: 'rule disabled' };
  if (actual === null)
    return { id, description, unit, limit, actual, status: 'pass', message: 'not measurable on this image' };
  const failed = fails(actual, limit);
  return {
    id,
    description,
    unit,
    limit,
    actual,
    status: failed ? 'fail' : 'pass',
    message: explain(actual, limit),
  };
}

const fmtRatio = (n: number) => n.toFixed(4);

/** diveRules evaluates dive's three rules the way dive's CI evaluator does. */
function diveRules(r: DiveRules, m: CheckMetrics): (CheckRuleResult | undefined)[] {
  return [
    rule(
      'dive.lowestEfficiency',
      "dive's efficiency must not be below the limit",
      'ratio',
      r.lowestEfficiency,
      m.dive.efficiency,
      (a, l) => l > a,
      (a, l) => `dive efficiency ${fmtRatio(a)} ${l > a ? '<' : '>='} threshold ${l}`,
    ),
    rule(
      'dive.highestWastedBytes',
      "dive's wasted bytes must not exceed the limit",
      'bytes',
      r.highestWastedBytes,
      m.dive.wastedBytes,
      (a, l) => a > l,
      (a, l) => `dive wasted bytes ${a} ${a > l ? '>' : '<='} threshold ${l}`,
    ),
    rule(
      'dive.highestUserWastedPercent',
      "dive's wasted bytes over the bytes above layer 0 must not exceed the limit",
      'ratio',
      r.highestUserWastedPercent,
      m.dive.userWastedRatio,
      (a, l) => l < a,
      (a, l) => `dive user wasted ratio ${fmtRatio(a)} ${l < a ? '>' : '<='} threshold ${l}`,
    ),
  ];
}

/** evaluateCheck measures the image and applies every configured threshold. */
export function evaluateCheck(input: CheckInput, config: CheckConfig): CheckOutcome {
  const { top, ...metrics } = measure(input, config.ignore);
  const metric = config.efficiencyMetric ?? 'stowage';
  const efficiency = metric === 'dive' ? metrics.dive.efficiency : metrics.efficiency;
  const rules = [
    rule(
      'min-efficiency',
      `efficiency (${metric === 'dive' ? "dive's" : '1 − reclaimable / judged layer bytes'}) must not be below the limit`,
      'ratio',
      config.minEfficiency,
      efficiency,
      (a, l) => a < l,
      (a, l) => `efficiency ${fmtRatio(a)} ${a < l ? '<' : '>='} ${l}`,
    ),
    rule(
      'max-reclaimable-bytes',
      'reclaimable bytes in the judged layers must not exceed the limit',
      'bytes',
      config.maxReclaimableBytes,
      metrics.reclaimableBytes,
      (a, l) => a > l,
      (a, l) => `${a} reclaimable bytes ${a > l ? '>' : '<='} ${l}`,
    ),
    rule(
      'max-reclaimable-percent',
      'reclaimable bytes as a percentage of the judged layer bytes must not exceed the limit',
      'percent',
      config.maxReclaimablePercent,
      metrics.reclaimableRatio * 100,
      (a, l) => a > l,
      (a, l) => `${a.toFixed(2)}% reclaimable ${a > l ? '>' : '<='} ${l}%`,
    ),
    rule(
      'max-image-size',
      'the stored (compressed) image size must not exceed the limit',
      'bytes',
      config.maxImageSize,
      metrics.compressedSize,
      (a, l) => a > l,
      (a, l) => `${a} bytes stored ${a > l ? '>' : '<='} ${l}`,
    ),
    rule(
      'max-uncompressed-size',
      'the file content of all layers must not exceed the limit',
      'bytes',
      config.maxUncompressedSize,
      metrics.uncompressedSize,
      (a, l) => a > l,
      (a, l) => `${a} bytes of layer content ${a > l ? '>' : '<='} ${l}`,
    ),
    rule(
      'max-layers',
      'the number of layers must not exceed the limit',
      'count',
      config.maxLayers,
      metrics.layers,
      (a, l) => a > l,
      (a, l) => `${a} layers ${a > l ? '>' : '<='} ${l}`,
    ),
    ...diveRules(config.dive ?? {}, metrics),
  ].filter((r): r is CheckRuleResult => r !== undefined);
  return { passed: rules.every((r) => r.status !== 'fail'), metrics, rules, topWaste: top };
}
