/**
 * Limits on what stowage reads into memory or walks: the sizes of small documents (manifests and
 * indexes, configs, registry token responses) and how deeply a JSON document may nest. Each has a
 * documented default (README "Limits and timeouts") and can be raised for the whole process — the
 * CLI sets them from its --max-* options and STOWAGE_MAX_* variables.
 */

/** Limits are the caps in force. */
export interface Limits {
  /** bytes of one manifest or index (distribution's own limit is 4 MiB) */
  manifestBytes: number;
  /** bytes of one image config */
  configBytes: number;
  /** bytes of a registry token server's answer */
  tokenBytes: number;
  /** nesting depth of arrays and objects in any JSON document */
  jsonDepth: number;
}

/** DEFAULT_LIMITS: manifests 4 MiB, configs 16 MiB, token answers 1 MiB, JSON depth 1000. */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  manifestBytes: 4 << 20,
  configBytes: 16 << 20,
  tokenBytes: 1 << 20,
  jsonDepth: 1000,
};

/** LIMIT_OPTIONS names the CLI option and environment variable that raise each limit. */
export const LIMIT_OPTIONS: Readonly<Record<keyof Limits, { option: string; env: string }>> = {
  manifestBytes: { option: '--max-manifest-size', env: 'STOWAGE_MAX_MANIFEST_SIZE' },
  configBytes: { option: '--max-config-size', env: 'STOWAGE_MAX_CONFIG_SIZE' },
  tokenBytes: { option: '--max-token-size', env: 'STOWAGE_MAX_TOKEN_SIZE' },
  jsonDepth: { option: '--max-json-depth', env: 'STOWAGE_MAX_JSON_DEPTH' },
};

let current: Limits = { ...DEFAULT_LIMITS };

/** limits returns the limits in force. */
export function limits(): Readonly<Limits> {
  return current;
}

/** setLimits changes limits for the whole process; keys left out keep their defaults. */
export function setLimits(changes: Partial<Limits>): void {
  current = { ...DEFAULT_LIMITS, ...changes };
}

/** limitHint is the hint of an error caused by limit `key`: what it is and how to raise it. */
export function limitHint(key: keyof Limits): string {
  const o = LIMIT_OPTIONS[key];
  return `the limit is ${current[key]}; if the input is genuine, raise it with ${o.option} N or ${o.env}=N`;
}
