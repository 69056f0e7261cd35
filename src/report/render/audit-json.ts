/** The audit report as `stowage.audit/v1` JSON text (docs/schema/audit.v1.json). */
import type { AuditReport } from '../audit-types.js';

/** renderAuditJson is the report as indented JSON with a final newline. */
export function renderAuditJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
