/**
 * LintRun: what the lint renderers (text, JSON, SARIF, checkstyle) take — every linted file with
 * its text and findings, the rules that ran, and the threshold verdict.
 */
import type { Finding, Rule, Severity } from '../../analysis/lint/types.js';

/** LintFileResult is one linted Dockerfile. */
export interface LintFileResult {
  /** file is the path as the user named it. */
  file: string;
  /** text is the Dockerfile's content (for source excerpts). */
  text: string;
  findings: Finding[];
}

/** LintRun is the outcome of one `stowage lint` over one or more files. */
export interface LintRun {
  files: LintFileResult[];
  /** rules are the rules that ran (the SARIF rule catalogue; JSON lists those that fired). */
  rules: readonly Rule[];
  failureThreshold: Severity | 'none';
  /** failed is true when some finding is at or above the threshold. */
  failed: boolean;
  /** toolVersion is stowage's version. */
  toolVersion: string;
}

/** countBySeverity counts a run's findings per severity. */
export function countBySeverity(run: LintRun): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  for (const f of run.files) for (const x of f.findings) out[x.severity]++;
  return out;
}
