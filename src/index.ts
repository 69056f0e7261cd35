/**
 * stowage's library API, the package root: open an image from any supported source, the model
 * (Image, Layer, manifests, config, digests, platforms, errors), file trees and waste, audits,
 * Dockerfile lint and build-cache prediction, diffs, transforms and writers, and the report
 * builders with their renderers. The CLI is built on this surface.
 */
export * from './model/index.js';
export { listPlatforms, openImage, type OpenOptions, type PlatformEntry } from './source/index.js';
export { buildInspectReport, type InspectOptions, type LayerProgress } from './report/inspect-report.js';
export * from './report/inspect-types.js';
export { renderInspectText, type InspectTextOptions } from './report/render/inspect-text.js';
export { measureLayer, type LayerMeasure } from './report/layer-measure.js';
export { createStyle, plainStyle, type Style } from './report/format/style.js';

// Layer file trees, change sets and waste.
export {
  readImageStack,
  LayerStack,
  FileTree,
  type ReadImageOptions,
  type ReadProgress,
  type ChangeSet,
  type Change,
  type FileNode,
} from './filetree/index.js';
export {
  analyzeImageWaste,
  computeWaste,
  diveScore,
  findDuplicates,
  type WasteReport,
  type DiveScore,
  type DuplicatesReport,
} from './analysis/waste/index.js';

// Secrets and risky content.
export { buildAuditReport, type AuditOptions } from './report/audit-report.js';
export type { AuditReport } from './report/audit-types.js';

// Dockerfiles: parsing, lint, build-cache prediction.
export { parseDockerfile, type ParseOptions } from './dockerfile/parse.js';
export type { ParsedDockerfile } from './dockerfile/model.js';
export { lintDockerfile, type LintOptions, type LintResult } from './analysis/lint/engine.js';
export type { Finding, Severity } from './analysis/lint/types.js';
export {
  planDockerfileText,
  readDirContext,
  GitRepo,
  diffPlans,
  cacheChurn,
  type BuildPlan,
  type CacheDiff,
  type Churn,
} from './dockerfile/cache/index.js';

// Comparing, sharing, optimising and writing images.
export { diffImages, type ImageDiff } from './analysis/diff/index.js';
export { shareImages, type ShareAnalysis } from './analysis/share/index.js';
export {
  optimizeImage,
  squash,
  dropWaste,
  strip,
  type OptimizedImage,
  type OptimizeOptions,
} from './optimize/index.js';
export { writeImage, parseSinkReference, type SinkReference } from './sink/index.js';
export { pushImage, type PushOptions, type PushResult } from './sink/registry-push/index.js';

// Extraction: one file's bytes or whole trees out of any layer.
export {
  openLayerFile,
  openImageFile,
  extractImage,
  type LayerFile,
  type ExtractOptions,
  type ExtractSummary,
} from './extract/index.js';

// Packages and SBOMs.
export {
  catalogImage,
  dpkgCataloger,
  apkCataloger,
  type Catalog,
  type CatalogedPackage,
  type Cataloger,
  type PackageRecord,
} from './catalog/index.js';
export { buildPackagesReport, type PackagesReport, type PackagesOptions } from './report/packages-report.js';
export { renderPackagesText } from './report/render/packages-text.js';
export { renderSpdx, renderCycloneDx, type SbomContext } from './report/sbom.js';
export {
  reconstructDockerfile,
  type Reconstruction,
  type ReconstructedStep,
} from './analysis/history/reconstruct.js';
