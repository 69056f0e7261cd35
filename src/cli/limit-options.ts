/**
 * The global options (and STOWAGE_* variables) that change network timeouts and input limits:
 * --connect-timeout, --response-timeout, --idle-timeout in seconds; --max-manifest-size,
 * --max-config-size, --max-token-size in bytes (K, M, G suffixes: KiB, MiB, GiB);
 * --max-json-depth. A flag wins over its variable; both are checked like any other argument.
 */
import { DEFAULT_LIMITS, LIMIT_OPTIONS, setLimits, type Limits } from '../model/limits.js';
import { StowageError } from '../model/errors.js';
import type { HttpTimeouts } from '../source/registry/http-fetch.js';
import { DEFAULT_TIMEOUTS } from '../source/registry/http-fetch.js';
import type { OptionDef, ParsedValues } from './options.js';

const TIMEOUTS: [keyof HttpTimeouts, string, string, string][] = [
  ['connectMs', 'connect-timeout', 'STOWAGE_CONNECT_TIMEOUT', 'seconds to connect to a registry'],
  ['responseMs', 'response-timeout', 'STOWAGE_RESPONSE_TIMEOUT', 'seconds to wait for an answer to start'],
  ['idleMs', 'idle-timeout', 'STOWAGE_IDLE_TIMEOUT', 'seconds of silence allowed while a download streams'],
];

const LIMIT_TEXT: Record<keyof Limits, string> = {
  manifestBytes: 'largest manifest or index read',
  configBytes: 'largest image config read',
  tokenBytes: 'largest registry token answer read',
  jsonDepth: 'deepest nesting allowed in a JSON document',
};

const SIZE_KEYS = new Set<keyof Limits>(['manifestBytes', 'configBytes', 'tokenBytes']);

/** LIMIT_AND_TIMEOUT_OPTIONS are the global options for timeouts and limits, defaults in the help. */
export const LIMIT_AND_TIMEOUT_OPTIONS: readonly OptionDef[] = [
  ...TIMEOUTS.map(([key, name, , text]) => ({
    name,
    type: 'string' as const,
    valueName: 'SECONDS',
    description: `${text} (default ${DEFAULT_TIMEOUTS[key] / 1000})`,
  })),
  ...(Object.keys(LIMIT_OPTIONS) as (keyof Limits)[]).map((key) => ({
    name: LIMIT_OPTIONS[key].option.slice(2),
    type: 'string' as const,
    valueName: SIZE_KEYS.has(key) ? 'BYTES' : 'N',
    description: `${LIMIT_TEXT[key]} (default ${DEFAULT_LIMITS[key]})`,
  })),
];

function setting(
  values: ParsedValues,
  env: Record<string, string | undefined>,
  name: string,
  variable: string,
) {
  const flag = values[name];
  if (typeof flag === 'string') return { value: flag, from: `--${name}` };
  const fromEnv = env[variable];
  return fromEnv === undefined || fromEnv === '' ? undefined : { value: fromEnv, from: variable };
}

const UNITS: Record<string, number> = { '': 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 };

function positive(value: string, from: string, pattern: RegExp, example: string): RegExpExecArray {
  const m = pattern.exec(value.trim());
  if (m === null || Number(m[1]) <= 0) {
    throw new StowageError('USAGE', `${from} ${value} is not a positive number`, {
      hint: `e.g. ${from} ${example}`,
    });
  }
  return m;
}

/** timeoutSettings reads the timeout options and variables (seconds, fractions allowed). */
export function timeoutSettings(
  values: ParsedValues,
  env: Record<string, string | undefined>,
): Partial<HttpTimeouts> {
  const out: Partial<HttpTimeouts> = {};
  for (const [key, name, variable] of TIMEOUTS) {
    const s = setting(values, env, name, variable);
    if (s !== undefined) out[key] = Number(positive(s.value, s.from, /^(\d+(?:\.\d+)?)$/, '60')[1]) * 1000;
  }
  return out;
}

/** applyLimitSettings reads the limit options and variables and puts them in force (setLimits). */
export function applyLimitSettings(values: ParsedValues, env: Record<string, string | undefined>): void {
  const changes: Partial<Limits> = {};
  for (const key of Object.keys(LIMIT_OPTIONS) as (keyof Limits)[]) {
    const { option, env: variable } = LIMIT_OPTIONS[key];
    const s = setting(values, env, option.slice(2), variable);
    if (s === undefined) continue;
    const sized = SIZE_KEYS.has(key);
    const m = positive(
      s.value,
      s.from,
      sized ? /^(\d+)\s*([kmg]?)i?b?$/i : /^(\d+)$/,
      sized ? '64M' : '2000',
    );
    changes[key] = Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? 1);
  }
  setLimits(changes);
}
