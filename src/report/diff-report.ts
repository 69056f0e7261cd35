/**
 * The `stowage diff` report (schema stowage.diff/v1): the two references and the ImageDiff.
 */
import type { ImageDiff } from '../analysis/diff/diff-images.js';

/** DIFF_SCHEMA is the `schema` value of every diff report. */
export const DIFF_SCHEMA = 'stowage.diff/v1';

/** DiffReport is the JSON document `stowage diff --format json` prints. */
export type DiffReport = { schema: typeof DIFF_SCHEMA; referenceA: string; referenceB: string } & ImageDiff;

/** buildDiffReport wraps a diff with its references. */
export function buildDiffReport(referenceA: string, referenceB: string, diff: ImageDiff): DiffReport {
  return { schema: DIFF_SCHEMA, referenceA, referenceB, ...diff };
}
