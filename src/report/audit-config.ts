/**
 * The `audit:` section of stowage.yaml: an allowlist (path globs, rule ids, fingerprints), the
 * default --fail-on severity and the per-file scan cap, validated with messages that name the key.
 */
import picomatch from 'picomatch';
import { AUDIT_SEVERITIES, type AuditFinding, type AuditSeverity } from '../analysis/secrets/types.js';
import { StowageError } from '../model/errors.js';
import type { SuppressedFinding } from './audit-types.js';

/** AuditConfig is the `audit:` section. */
export interface AuditConfig {
  allowlist?: {
    /** globs (picomatch, dotfiles included) over paths inside the image; a leading `/` is ignored */
    paths?: string[];
    /** rule ids never reported */
    rules?: string[];
    /** finding fingerprints never reported */
    fingerprints?: string[];
  };
  /** failOn: findings at this severity or above fail the run (exit 1); default error */
  failOn?: AuditSeverity | 'none';
  /** maxFileBytes: bytes scanned per file at most (default 1 MiB) */
  maxFileBytes?: number;
}

const KEYS = ['allowlist', 'failOn', 'maxFileBytes'];
const ALLOW_KEYS = ['paths', 'rules', 'fingerprints'];

/** parseFailOn checks a severity name (or `none`). */
export function parseFailOn(value: unknown, where: string): AuditSeverity | 'none' {
  if (value === 'none' || AUDIT_SEVERITIES.includes(value as AuditSeverity))
    return value as AuditSeverity | 'none';
  throw new StowageError('USAGE', `${where}: "${String(value)}" is not a severity`, {
    hint: `use one of ${AUDIT_SEVERITIES.join(', ')}, none`,
  });
}

/** validateAuditConfig checks an already-parsed `audit:` value; throws StowageError('USAGE'). */
export function validateAuditConfig(value: unknown, where = 'audit config'): AuditConfig {
  if (value === undefined || value === null) return {};
  const fail = (detail: string, hint: string): never => {
    throw new StowageError('USAGE', `${where}: ${detail}`, { hint });
  };
  const mapping = (v: unknown, name: string, keys: string[]): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      fail(`${name} must be a mapping`, `allowed keys: ${keys.join(', ')}`);
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (!keys.includes(k)) fail(`unknown key "${k}" in ${name}`, `allowed keys: ${keys.join(', ')}`);
    return o;
  };
  const strings = (v: unknown, key: string): string[] => {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      fail(`"${key}" must be a list of strings`, `e.g. ${key}: ["…"]`);
    return v as string[];
  };
  const o = mapping(value, 'audit', KEYS);
  const out: AuditConfig = {};
  if (o.allowlist !== undefined && o.allowlist !== null) {
    const a = mapping(o.allowlist, 'allowlist', ALLOW_KEYS);
    out.allowlist = {};
    if (a.paths !== undefined) out.allowlist.paths = strings(a.paths, 'allowlist.paths');
    if (a.rules !== undefined) out.allowlist.rules = strings(a.rules, 'allowlist.rules');
    if (a.fingerprints !== undefined)
      out.allowlist.fingerprints = strings(a.fingerprints, 'allowlist.fingerprints');
  }
  if (o.failOn !== undefined) out.failOn = parseFailOn(o.failOn, `${where}: failOn`);
  if (o.maxFileBytes !== undefined) {
    const n = o.maxFileBytes;
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0)
      fail('"maxFileBytes" must be a positive integer', 'e.g. maxFileBytes: 1048576');
    out.maxFileBytes = n as number;
  }
  return out;
}

/** Allowlist decides which findings are suppressed. */
export class Allowlist {
  private readonly globs: { glob: string; test: (p: string) => boolean }[];
  private readonly rules: Set<string>;
  private readonly fingerprints: Set<string>;

  constructor(config: AuditConfig['allowlist'] = {}) {
    this.globs = (config.paths ?? []).map((g) => {
      const glob = g.replace(/^\/+/, '');
      return { glob: g, test: picomatch(glob, { dot: true }) };
    });
    this.rules = new Set(config.rules ?? []);
    this.fingerprints = new Set(config.fingerprints ?? []);
  }

  /** match returns why `f` is suppressed, or undefined when it is reported. */
  match(f: AuditFinding): SuppressedFinding['by'] | undefined {
    if (this.fingerprints.has(f.fingerprint)) return { kind: 'fingerprint', value: f.fingerprint };
    if (this.rules.has(f.ruleId)) return { kind: 'rule', value: f.ruleId };
    if (f.path !== null && f.source === 'layer') {
      const hit = this.globs.find((g) => g.test(f.path as string));
      if (hit !== undefined) return { kind: 'path', value: hit.glob };
    }
    return undefined;
  }
}
