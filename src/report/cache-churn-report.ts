/**
 * buildCacheChurnReport: the `stowage.cache.churn/v1` document — misses per step over the last N
 * commits and the suggested reordering with the misses it would have had (see docs/cache.md).
 */
import type { Churn, ChurnTally } from '../dockerfile/cache/churn.js';

/** CACHE_CHURN_SCHEMA is the `schema` value of a churn document. */
export const CACHE_CHURN_SCHEMA = 'stowage.cache.churn/v1';

/** CacheChurnDocument is the whole document. */
export interface CacheChurnDocument {
  schema: typeof CACHE_CHURN_SCHEMA;
  builder: string;
  commits: { id: string; subject: string }[];
  /** builds is commits.length - 1: each commit built with its parent's cache */
  builds: number;
  current: ChurnTally;
  suggestion: {
    description: string;
    stage: number;
    files: string[];
    dockerfile: string;
    misses: number;
    runMisses: number;
    steps: ChurnTally['steps'];
  } | null;
}

/** buildCacheChurnReport turns a churn result into its document. */
export function buildCacheChurnReport(churn: Churn): CacheChurnDocument {
  const s = churn.suggestion;
  return {
    schema: CACHE_CHURN_SCHEMA,
    builder: churn.builder,
    commits: churn.commits,
    builds: Math.max(0, churn.commits.length - 1),
    current: churn.current,
    suggestion:
      s === null
        ? null
        : {
            description: s.description,
            stage: s.stage,
            files: s.files,
            dockerfile: s.text,
            misses: s.tally.misses,
            runMisses: s.tally.runMisses,
            steps: s.tally.steps,
          },
  };
}
