/**
 * The `stowage slim` report (schema stowage.slim/v1): sizes before and after, the ratio, every kept
 * path grouped by the rule that kept it, the biggest dropped directories, the runner, each run's
 * answers and the verification. `--explain PATH` prints a stowage.slim-explain/v1 document instead.
 */
import type { Digest } from '../model/digest.js';
import type { DroppedDir, KeptPath, ProbeResult, AppResult, SlimMode, TreeSize } from '../slim/index.js';

/** SLIM_SCHEMA is the `schema` value of every slim report. */
export const SLIM_SCHEMA = 'stowage.slim/v1';
/** SLIM_EXPLAIN_SCHEMA is the `schema` value of `--explain` output. */
export const SLIM_EXPLAIN_SCHEMA = 'stowage.slim-explain/v1';

/** SlimSize is one side of the before/after comparison. */
export interface SlimSize extends TreeSize {
  compressedBytes: number;
}

/** SlimRunReport is one sandbox run's answers. */
export interface SlimRunReport {
  app: AppResult;
  probes: ProbeResult[];
  /** paths the run used (original) */
  observedPaths?: number;
}

/** SlimReport is the JSON document `stowage slim --format json` prints. */
export interface SlimReport {
  schema: typeof SLIM_SCHEMA;
  source: string;
  sourceDigest: Digest;
  /** null when nothing was written (verification failed) */
  destination: string | null;
  manifestDigest: Digest | null;
  mode: SlimMode;
  /** the runner used, or null when none could run */
  runner: 'sandbox' | null;
  /** warnings: what was skipped and why, what the static closure could not resolve */
  warnings: string[];
  before: SlimSize;
  after: SlimSize;
  /** before.unpackedBytes / after.unpackedBytes */
  ratio: number;
  /** kept paths grouped by the rule that kept them */
  kept: Record<string, { count: number; paths: { path: string; reason: string }[] }>;
  droppedDirs: DroppedDir[];
  original: SlimRunReport | null;
  verification: {
    verified: boolean;
    differences: string[];
    missing: string[];
    slim: SlimRunReport;
  } | null;
}

/** KIND_ORDER is the order rules are listed in: the application's own files first, parents last. */
const KIND_ORDER = [
  'executable',
  'argument',
  'symlink',
  'interpreter',
  'needed',
  'shebang',
  'loader',
  'observed',
  'include',
  'always',
  'parent',
];

/** groupKept groups kept paths by kind (in KIND_ORDER), paths with a leading `/`, sorted. */
export function groupKept(kept: readonly KeptPath[]): SlimReport['kept'] {
  const out: SlimReport['kept'] = {};
  const rank = (kind: string) => {
    const i = KIND_ORDER.indexOf(kind);
    return i < 0 ? KIND_ORDER.length : i;
  };
  for (const k of [...kept].sort((a, b) => rank(a.kind) - rank(b.kind))) {
    const g = (out[k.kind] ??= { count: 0, paths: [] });
    g.count++;
    g.paths.push({ path: `/${k.path}`, reason: k.reason });
  }
  return out;
}

/** SlimExplain says why one path is kept or dropped. */
export interface SlimExplain {
  schema: typeof SLIM_EXPLAIN_SCHEMA;
  path: string;
  inImage: boolean;
  kept: boolean;
  kind: string | null;
  reason: string;
}
