/**
 * Audit finding types shared by the secret scanner and the risk checks: severities (ordered) and
 * the finding every renderer (text, JSON, SARIF) shows.
 */
import type { Digest } from '../../model/digest.js';

/** AuditSeverity ranks findings; `low` is for weak signals such as entropy-only matches. */
export type AuditSeverity = 'error' | 'warning' | 'low' | 'info';

/** AUDIT_SEVERITIES lists the severities from most to least severe. */
export const AUDIT_SEVERITIES: readonly AuditSeverity[] = ['error', 'warning', 'low', 'info'];

/** atLeast reports whether `s` is as severe as `threshold` or more. */
export function atLeast(s: AuditSeverity, threshold: AuditSeverity): boolean {
  return AUDIT_SEVERITIES.indexOf(s) <= AUDIT_SEVERITIES.indexOf(threshold);
}

/** FindingCategory separates leaked secrets from risky content and configuration. */
export type FindingCategory = 'secret' | 'risk';

/**
 * FindingSource says where a finding lives: a file in a layer, a field of the image config, a
 * history entry, or the image as a whole (e.g. "no HEALTHCHECK").
 */
export type FindingSource = 'layer' | 'config' | 'history' | 'image';

/** FindingLayer names the layer a finding comes from. */
export interface FindingLayer {
  index: number;
  digest: Digest;
}

/**
 * AuditFinding is one finding. `excerpt` is always redacted (never the whole secret); `visible`
 * says whether the file version is still in the final filesystem (null when not about a file).
 */
export interface AuditFinding {
  ruleId: string;
  category: FindingCategory;
  severity: AuditSeverity;
  /** one line saying what was found */
  message: string;
  source: FindingSource;
  layer: FindingLayer | null;
  /** the history `created_by` of the step that made the layer (or set the config value) */
  instruction: string | null;
  historyIndex: number | null;
  /** a file path (no leading slash), or a config field such as `config.Env[2]` */
  path: string | null;
  /** 1-based line of a match inside a file or value, when known */
  line: number | null;
  visible: boolean | null;
  excerpt: string | null;
  /** sha256 of rule id, path and the secret (or the finding's identity for non-secrets) */
  fingerprint: string;
  /** how to keep it out of the image */
  fix: string;
  /** bytes concerned (caches, leftovers), when meaningful */
  size: number | null;
}
