/**
 * The `stowage.check/v1` document: the gate's verdict, the configuration it used (files, base image,
 * ignore globs), the measured metrics, every rule's result and the judged waste that weighs most.
 */
import type { CheckMetrics, CheckOutcome, CheckRuleResult } from '../analysis/check/evaluate-check.js';
import type { KillReason } from '../filetree/kill-log.js';
import type { ImageFacts } from './analyze-context.js';
import { explainWaste } from './waste-report.js';

/** CHECK_SCHEMA is the `schema` value of every check report. */
export const CHECK_SCHEMA = 'stowage.check/v1';

/** CheckBase says which base image was excluded and how it was found. */
export interface CheckBase {
  reference: string | null;
  source: 'flag' | 'config' | 'annotation' | 'label' | null;
  /** leading layers excluded */
  layers: number;
  /** false when the base image has layers the image does not start with */
  complete: boolean;
}

/** CheckDocument is the whole `stowage.check/v1` document. */
export interface CheckDocument {
  schema: typeof CHECK_SCHEMA;
  reference: string;
  manifestDigest: string;
  passed: boolean;
  configFiles: string[];
  base: CheckBase;
  ignore: string[];
  metrics: CheckMetrics;
  rules: CheckRuleResult[];
  topWaste: { path: string; bytes: number; layer: number; killedBy: number; reason: string; why: string }[];
  warnings: string[];
}

/** buildCheckReport assembles the document. */
export function buildCheckReport(
  facts: ImageFacts,
  outcome: CheckOutcome,
  ctx: { configFiles: string[]; base: CheckBase; ignore: string[]; warnings: string[] },
): CheckDocument {
  return {
    schema: CHECK_SCHEMA,
    reference: facts.reference,
    manifestDigest: facts.manifestDigest,
    passed: outcome.passed,
    configFiles: ctx.configFiles,
    base: ctx.base,
    ignore: ctx.ignore,
    metrics: outcome.metrics,
    rules: outcome.rules,
    topWaste: outcome.topWaste.map((w) => ({
      ...w,
      why: explainWaste(facts, { ...w, reason: w.reason as KillReason }),
    })),
    warnings: ctx.warnings,
  };
}
