/**
 * SARIF 2.1.0 for a check report, built with node-sarif-builder like the lint output (and sharing its
 * schema URI): the driver lists every rule that ran; each rule yields one result — level `error` for
 * a failure, kind `pass` for a pass, kind `notApplicable` for a disabled rule — located logically at
 * the image (an image has no source file).
 */
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { CheckDocument } from '../check-report.js';
import { SARIF_SCHEMA_URI } from './lint-sarif.js';

/** buildCheckSarif converts a check report to a SARIF 2.1.0 log object. */
export function buildCheckSarif(
  r: CheckDocument,
  toolVersion: string,
): ReturnType<SarifBuilder['buildSarifOutput']> {
  const builder = new SarifBuilder({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [] });
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'stowage', toolDriverVersion: toolVersion });
  for (const rule of r.rules) {
    const b = new SarifRuleBuilder().initSimple({
      ruleId: rule.id,
      shortDescriptionText: rule.description,
      fullDescriptionText: rule.description,
    });
    b.rule.help = { text: `${rule.description}. Configure it in stowage.yaml (check:) or .dive-ci.` };
    b.rule.defaultConfiguration = { level: 'error' };
    b.rule.properties = { tags: [rule.id.startsWith('dive.') ? 'dive' : 'stowage', 'image-size'] };
    run.addRule(b);
  }
  for (const rule of r.rules) {
    const res = new SarifResultBuilder().initSimple({
      level: rule.status === 'fail' ? 'error' : 'none',
      messageText: `${r.reference}: ${rule.message}`,
      ruleId: rule.id,
    });
    res.result.kind = rule.status === 'fail' ? 'fail' : rule.status === 'pass' ? 'pass' : 'notApplicable';
    res.result.locations = [
      { logicalLocations: [{ name: r.reference, fullyQualifiedName: r.manifestDigest, kind: 'module' }] },
    ];
    res.result.properties = { limit: rule.limit, actual: rule.actual, unit: rule.unit };
    run.addResult(res);
  }
  run.run.invocations = [{ executionSuccessful: true, exitCode: r.passed ? 0 : 1 }];
  builder.addRun(run);
  return builder.buildSarifOutput();
}

/** renderCheckSarif is the SARIF log as indented JSON text with a final newline. */
export function renderCheckSarif(r: CheckDocument, toolVersion: string): string {
  return `${JSON.stringify(buildCheckSarif(r, toolVersion), null, 2)}\n`;
}
