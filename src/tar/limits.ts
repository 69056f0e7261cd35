/**
 * Tar limits: bounds on what one layer can make the reader hold or walk — header data kept in
 * memory, path length and depth, entries per layer, sparse map size — each with a documented default
 * and an environment variable that raises it. Exceeding one is an input error that names the limit
 * and how to raise it, never an out-of-memory or a stack overflow.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';

/** TarLimits bounds one tar stream. */
export interface TarLimits {
  /** bytes of one PAX extended header or GNU long name/link (Go's archive/tar refuses over 1 MiB) */
  maxHeaderBytes: number;
  /** bytes of an entry's path or link target (Linux's PATH_MAX: longer paths cannot be extracted) */
  maxPathBytes: number;
  /** segments of an entry's path */
  maxPathDepth: number;
  /** entries in one layer */
  maxEntries: number;
  /** segments in a sparse file's map */
  maxSparseSegments: number;
}

/** LimitInfo documents one limit: its variable, default and what it counts. */
interface LimitInfo {
  env: string;
  value: number;
  what: string;
}

/** TAR_LIMITS documents every limit (README "Limits" lists the same). */
export const TAR_LIMITS: Record<keyof TarLimits, LimitInfo> = {
  maxHeaderBytes: {
    env: 'STOWAGE_MAX_TAR_HEADER_BYTES',
    value: 1 << 20,
    what: 'bytes of one extended header',
  },
  maxPathBytes: { env: 'STOWAGE_MAX_PATH_BYTES', value: 4096, what: 'bytes of a path' },
  maxPathDepth: { env: 'STOWAGE_MAX_PATH_DEPTH', value: 2048, what: 'directory levels of a path' },
  maxEntries: { env: 'STOWAGE_MAX_LAYER_ENTRIES', value: 4_000_000, what: 'entries in one layer' },
  maxSparseSegments: { env: 'STOWAGE_MAX_SPARSE_SEGMENTS', value: 1 << 20, what: 'segments of a sparse map' },
};

/**
 * tarLimits returns the limits in force: each default, or the value of its environment variable
 * when that is a positive integer. Throws USAGE for a variable set to anything else.
 */
export function tarLimits(env: Record<string, string | undefined> = process.env): TarLimits {
  const out = {} as TarLimits;
  for (const [key, info] of Object.entries(TAR_LIMITS) as [keyof TarLimits, LimitInfo][]) {
    const raw = env[info.env];
    if (raw === undefined || raw === '') {
      out[key] = info.value;
      continue;
    }
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n <= 0) {
      throw new StowageError('USAGE', `${info.env}=${raw} is not a positive integer`, {
        hint: `unset it for the default (${info.value} ${info.what})`,
      });
    }
    out[key] = n;
  }
  return out;
}

/**
 * limitExceeded is the error for input beyond limit `key`: `what` says what was found, e.g. "a
 * path of 20000 bytes".
 */
export function limitExceeded(
  key: keyof TarLimits,
  limits: TarLimits,
  what: string,
  where: ErrorWhere,
): StowageError {
  const info = TAR_LIMITS[key];
  return new StowageError('LIMIT_EXCEEDED', `${what} exceeds the limit of ${limits[key]} ${info.what}`, {
    where,
    hint: `if the layer is trusted, raise it with ${info.env}=N`,
  });
}
