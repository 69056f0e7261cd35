/**
 * The `stowage.lint/v1` JSON report. The shape is documented in docs/lint.md and pinned by
 * docs/schema/lint.v1.json. Fields may be added within v1; removing or renaming one needs a new
 * version. Absent values are `null`, never missing keys.
 */
import type { Severity } from '../../analysis/lint/types.js';
import { countBySeverity, type LintRun } from './lint-run.js';

/** LINT_SCHEMA is the `schema` value of every lint report. */
export const LINT_SCHEMA = 'stowage.lint/v1';

/** LintJsonFinding is one finding. Lines and columns are 1-based; `endColumn` is exclusive. */
export interface LintJsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** fix describes the mechanical fix `stowage lint --fix` applies, or null. */
  fix: string | null;
}

/** LintJsonRule describes a rule that fired. */
export interface LintJsonRule {
  id: string;
  /** defaultSeverity is the rule's own level (a finding's may differ through config overrides). */
  defaultSeverity: Severity;
  description: string;
  url: string | null;
}

/** LintJsonReport is the whole document. */
export interface LintJsonReport {
  schema: typeof LINT_SCHEMA;
  tool: { name: 'stowage'; version: string };
  failureThreshold: Severity | 'none';
  failed: boolean;
  summary: { files: number; findings: number } & Record<Severity, number>;
  files: { file: string; findings: LintJsonFinding[] }[];
  /** rules lists every rule that has a finding, sorted by id. */
  rules: LintJsonRule[];
}

/** buildLintJson converts a lint run to the v1 document. */
export function buildLintJson(run: LintRun): LintJsonReport {
  const fired = new Set(run.files.flatMap((f) => f.findings.map((x) => x.ruleId)));
  const counts = countBySeverity(run);
  return {
    schema: LINT_SCHEMA,
    tool: { name: 'stowage', version: run.toolVersion },
    failureThreshold: run.failureThreshold,
    failed: run.failed,
    summary: {
      files: run.files.length,
      findings: run.files.reduce((n, f) => n + f.findings.length, 0),
      ...counts,
    },
    files: run.files.map((f) => ({
      file: f.file,
      findings: f.findings.map((x) => ({
        ruleId: x.ruleId,
        severity: x.severity,
        message: x.message,
        line: x.line,
        column: x.column,
        endLine: x.endLine,
        endColumn: x.endColumn,
        fix: x.fix?.description ?? null,
      })),
    })),
    rules: run.rules
      .filter((r) => fired.has(r.id))
      .map((r) => ({ id: r.id, defaultSeverity: r.severity, description: r.description, url: r.url ?? null }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** renderLintJson is the report as indented JSON text with a final newline. */
export function renderLintJson(run: LintRun): string {
  return `${JSON.stringify(buildLintJson(run), null, 2)}\n`;
}
