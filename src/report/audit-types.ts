/**
 * The `stowage.audit/v1` JSON report: every secret and risk finding with its layer, history step
 * and redacted excerpt, the counts, and the verdict against --fail-on. Pinned by
 * docs/schema/audit.v1.json; fields may be added within v1. Absent values are `null`.
 */
import type { AuditFinding, AuditSeverity, FindingCategory } from '../analysis/secrets/types.js';

export type {
  AuditFinding,
  AuditSeverity,
  FindingCategory,
  FindingLayer,
  FindingSource,
} from '../analysis/secrets/types.js';

/** AUDIT_SCHEMA is the `schema` value of every audit report. */
export const AUDIT_SCHEMA = 'stowage.audit/v1';

/** SuppressedFinding is a finding an allowlist entry removed, and which entry did it. */
export interface SuppressedFinding {
  ruleId: string;
  path: string | null;
  fingerprint: string;
  /** 'path', 'rule' or 'fingerprint' and the allowlist value that matched */
  by: { kind: 'path' | 'rule' | 'fingerprint'; value: string };
}

/** AuditRuleSummary describes a rule that has a finding. */
export interface AuditRuleSummary {
  id: string;
  category: FindingCategory;
  defaultSeverity: AuditSeverity;
  description: string;
  fix: string;
}

/** AuditSummary counts findings and what was scanned. */
export interface AuditSummary {
  findings: number;
  suppressed: number;
  bySeverity: Record<AuditSeverity, number>;
  secrets: number;
  risks: number;
  /** visible paths with the setuid / setgid bit (any type, like `find -perm -4000` / `-2000`) */
  setuid: number;
  setgid: number;
  layers: number;
  filesScanned: number;
  bytesScanned: number;
  binarySkipped: number;
  /** files scanned only up to the per-file cap */
  truncated: number;
}

/** AuditReport is the whole document. */
export interface AuditReport {
  schema: typeof AUDIT_SCHEMA;
  tool: { name: 'stowage'; version: string };
  image: { reference: string; manifestDigest: string; platform: string };
  failOn: AuditSeverity | 'none';
  failed: boolean;
  summary: AuditSummary;
  /** sorted by severity, then layer, then path */
  findings: AuditFinding[];
  suppressed: SuppressedFinding[];
  /** rules with at least one finding, sorted by id */
  rules: AuditRuleSummary[];
}
