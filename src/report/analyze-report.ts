/**
 * buildAnalyzeReport: the `stowage.analyze/v1` document, the summary a newcomer wants first — what
 * the image is and runs, each layer's changes, and the waste highlights — from one read of the layers.
 */
import type { WasteAnalysis } from '../analysis/waste/analyze-waste.js';
import type { LayerStack } from '../filetree/layer-stack.js';
import type { ImageFacts } from './analyze-context.js';
import { describeRuntime } from './inspect-report.js';
import type { InspectRuntimeConfig } from './inspect-types.js';
import { buildLayersReport, type LayersReport } from './layers-report.js';
import { buildWasteReport, type WasteDocument } from './waste-report.js';

/** ANALYZE_SCHEMA is the `schema` value of every analyze report. */
export const ANALYZE_SCHEMA = 'stowage.analyze/v1';

/** AnalyzeDocument is the whole `stowage.analyze/v1` document. */
export interface AnalyzeDocument {
  schema: typeof ANALYZE_SCHEMA;
  reference: string;
  manifestDigest: string;
  image: {
    mediaType: string;
    platform: string;
    created: string | null;
    author: string | null;
    config: InspectRuntimeConfig;
    /** visible paths and file bytes of the final filesystem */
    finalTree: { paths: number; files: number; fileBytes: number };
  };
  layers: LayersReport['layers'];
  totals: LayersReport['totals'];
  waste: Omit<WasteDocument, 'schema' | 'reference' | 'manifestDigest' | 'byLayer'>;
}

/** buildAnalyzeReport assembles the summary; lists keep `top` items (default 5). */
export function buildAnalyzeReport(
  facts: ImageFacts,
  stack: LayerStack,
  waste: WasteAnalysis,
  opts: { top?: number } = {},
): AnalyzeDocument {
  const top = opts.top ?? 5;
  const layers = buildLayersReport(facts, stack, { largest: 3 });
  const { schema: _s, reference: _r, manifestDigest: _m, byLayer: _b, ...w } = buildWasteReport(facts, waste);
  const stats = stack.tree.stats();
  return {
    schema: ANALYZE_SCHEMA,
    reference: facts.reference,
    manifestDigest: facts.manifestDigest,
    image: {
      mediaType: facts.mediaType,
      platform: facts.platform,
      created: facts.config.created ?? null,
      author: facts.config.author ?? null,
      config: describeRuntime(facts.config),
      finalTree: { paths: stats.nodes, files: stats.files, fileBytes: stats.fileBytes },
    },
    layers: layers.layers,
    totals: layers.totals,
    waste: {
      ...w,
      byInstruction: w.byInstruction.slice(0, top),
      topPaths: w.topPaths.slice(0, top),
      duplicates: { ...w.duplicates, groups: w.duplicates.groups.slice(0, top) },
      dive: { ...w.dive, inefficiencies: w.dive.inefficiencies.slice(0, top) },
    },
  };
}
