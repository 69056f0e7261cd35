/**
 * Lint configuration: which rules to ignore, severity overrides, trusted registries and the failure
 * threshold, with a validator that names the bad key. The CLI loads it from stowage.yaml's `lint:`.
 */
import { parse as parseYaml } from 'yaml';
import { StowageError } from '../../model/errors.js';
import { SEVERITIES, type Severity } from './types.js';

/** LintConfig is the `lint:` section of stowage.yaml (hadolint's config keys, same meaning). */
export interface LintConfig {
  /** ignored rule ids are never reported. */
  ignored?: string[];
  /** override moves rules to another severity: `{ error: ['DL3008'] }`. */
  override?: Partial<Record<Severity, string[]>>;
  /** trustedRegistries: when non-empty, FROM images must come from one of these (DL3026). */
  trustedRegistries?: string[];
  /** failureThreshold: findings at this severity or above fail the run; 'none' never fails. */
  failureThreshold?: Severity | 'none';
}

const KEYS = ['ignored', 'override', 'trustedRegistries', 'failureThreshold'];

/**
 * validateLintConfig checks an already-parsed value (e.g. stowage.yaml's `lint:`) and returns it
 * typed; `where` names the source for error messages. Throws StowageError('USAGE') on bad input.
 */
export function validateLintConfig(value: unknown, where = 'lint config'): LintConfig {
  if (value === undefined || value === null) return {};
  const fail = (detail: string, hint: string): never => {
    throw new StowageError('USAGE', `${where}: ${detail}`, { hint });
  };
  if (typeof value !== 'object' || Array.isArray(value)) {
    fail('must be a mapping', 'write keys such as `ignored: [DL3008]` under `lint:`');
  }
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (!KEYS.includes(k)) fail(`unknown key "${k}"`, `allowed keys: ${KEYS.join(', ')}`);
  }
  const out: LintConfig = {};
  const stringList = (v: unknown, key: string): string[] => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      fail(`"${key}" must be a list of strings`, `e.g. ${key}: [DL3008, DL3009]`);
    }
    return v as string[];
  };
  if (obj.ignored !== undefined) out.ignored = stringList(obj.ignored, 'ignored');
  if (obj.trustedRegistries !== undefined) {
    out.trustedRegistries = stringList(obj.trustedRegistries, 'trustedRegistries');
  }
  if (obj.override !== undefined) {
    const ov = obj.override;
    if (typeof ov !== 'object' || ov === null || Array.isArray(ov)) {
      fail('"override" must be a mapping of severity to rule ids', 'e.g. override: { error: [DL3008] }');
    }
    const result: Partial<Record<Severity, string[]>> = {};
    for (const [sev, ids] of Object.entries(ov as Record<string, unknown>)) {
      if (!SEVERITIES.includes(sev as Severity)) {
        fail(`unknown severity "${sev}" in override`, `use one of ${SEVERITIES.join(', ')}`);
      }
      result[sev as Severity] = stringList(ids, `override.${sev}`);
    }
    out.override = result;
  }
  if (obj.failureThreshold !== undefined) {
    const t = obj.failureThreshold;
    if (t !== 'none' && !SEVERITIES.includes(t as Severity)) {
      fail(`failureThreshold "${String(t)}" is not a severity`, `use one of ${SEVERITIES.join(', ')}, none`);
    }
    out.failureThreshold = t as Severity | 'none';
  }
  return out;
}

/** parseLintConfigYaml parses YAML text holding a lint config mapping and validates it. */
export function parseLintConfigYaml(text: string, where = 'lint config'): LintConfig {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (e) {
    throw new StowageError('USAGE', `${where}: not valid YAML`, {
      hint: 'fix the YAML syntax',
      cause: e,
    });
  }
  return validateLintConfig(value, where);
}
