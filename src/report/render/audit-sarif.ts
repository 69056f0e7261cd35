/**
 * SARIF 2.1.0 for audit findings, built with node-sarif-builder like the lint SARIF (same schema
 * URI). Files are artifacts relative to the image root (`uriBaseId: IMAGE_ROOT`); config and
 * history findings carry a logical location instead. Each result has the stable fingerprint in
 * `partialFingerprints` and the layer, step, visibility and redacted excerpt in `properties`.
 */
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { AuditFinding, AuditSeverity } from '../../analysis/secrets/types.js';
import { AUDIT_RULES } from '../audit-report.js';
import type { AuditReport } from '../audit-types.js';
import { SARIF_SCHEMA_URI } from './lint-sarif.js';

const LEVEL: Record<AuditSeverity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  low: 'note',
  info: 'note',
};

function result(f: AuditFinding): SarifResultBuilder {
  const b = new SarifResultBuilder().initSimple({
    level: LEVEL[f.severity],
    messageText: f.message,
    ruleId: f.ruleId,
  });
  const r = b.result;
  if (f.source === 'layer' && f.path !== null) {
    r.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.path), uriBaseId: 'IMAGE_ROOT' },
          ...(f.line !== null && { region: { startLine: f.line } }),
        },
      },
    ];
  } else {
    r.locations = [{ logicalLocations: [{ fullyQualifiedName: f.path ?? 'image', kind: 'member' }] }];
  }
  r.partialFingerprints = { 'stowage/v1': f.fingerprint };
  r.properties = {
    category: f.category,
    severity: f.severity,
    source: f.source,
    layerIndex: f.layer?.index ?? null,
    layerDigest: f.layer?.digest ?? null,
    instruction: f.instruction,
    visibleInFinalFilesystem: f.visible,
    excerpt: f.excerpt,
    fix: f.fix,
  };
  return b;
}

/** buildAuditSarif converts an audit report to a SARIF 2.1.0 log object. */
export function buildAuditSarif(report: AuditReport): ReturnType<SarifBuilder['buildSarifOutput']> {
  const builder = new SarifBuilder({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [] });
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: 'stowage',
    toolDriverVersion: report.tool.version,
  });
  for (const rule of AUDIT_RULES) {
    const rb = new SarifRuleBuilder().initSimple({
      ruleId: rule.id,
      shortDescriptionText: rule.description,
      fullDescriptionText: rule.description,
    });
    rb.rule.help = { text: rule.fix };
    rb.rule.defaultConfiguration = { level: LEVEL[rule.severity] };
    rb.rule.properties = { tags: ['stowage', 'audit', rule.category] };
    run.addRule(rb);
  }
  run.run.originalUriBaseIds = {
    IMAGE_ROOT: { uri: 'file:///', description: { text: `root filesystem of ${report.image.reference}` } },
  };
  run.run.properties = { image: report.image, summary: report.summary };
  for (const f of report.findings) run.addResult(result(f));
  builder.addRun(run);
  return builder.buildSarifOutput();
}

/** renderAuditSarif is the SARIF log as indented JSON text with a final newline. */
export function renderAuditSarif(report: AuditReport): string {
  return `${JSON.stringify(buildAuditSarif(report), null, 2)}\n`;
}
