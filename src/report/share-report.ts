/**
 * The `stowage share` report (schema stowage.share/v1): the ShareAnalysis of a set of images.
 */
import type { ShareAnalysis } from '../analysis/share/share-images.js';

/** SHARE_SCHEMA is the `schema` value of every share report. */
export const SHARE_SCHEMA = 'stowage.share/v1';

/** ShareReport is the JSON document `stowage share --format json` prints. */
export type ShareReport = { schema: typeof SHARE_SCHEMA } & ShareAnalysis;

/** buildShareReport wraps a share analysis. */
export function buildShareReport(analysis: ShareAnalysis): ShareReport {
  return { schema: SHARE_SCHEMA, ...analysis };
}
