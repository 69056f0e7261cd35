/**
 * The `stowage optimize` report (schema stowage.optimize/v1): what was asked, the source and result
 * digests, and the transform's before/after summary.
 */
import type { Digest } from '../model/digest.js';
import type { LayerCompression } from '../optimize/layer-compression.js';
import type { OptimizeSummary } from '../optimize/summary.js';

/** OPTIMIZE_SCHEMA is the `schema` value of every optimize report. */
export const OPTIMIZE_SCHEMA = 'stowage.optimize/v1';

/** OptimizeRequest is what the command was asked to do. */
export interface OptimizeRequest {
  squashFrom: number | null;
  dropWaste: boolean;
  strip: string[];
  compression: LayerCompression;
}

/** OptimizeReport is the JSON document `stowage optimize --format json` prints. */
export type OptimizeReport = {
  schema: typeof OPTIMIZE_SCHEMA;
  source: string;
  destination: string;
  sourceDigest: Digest;
  manifestDigest: Digest;
  request: OptimizeRequest;
} & OptimizeSummary;

/** buildOptimizeReport assembles the report. */
export function buildOptimizeReport(
  facts: { source: string; destination: string; sourceDigest: Digest; manifestDigest: Digest },
  request: OptimizeRequest,
  summary: OptimizeSummary,
): OptimizeReport {
  return { schema: OPTIMIZE_SCHEMA, ...facts, request, ...summary };
}
