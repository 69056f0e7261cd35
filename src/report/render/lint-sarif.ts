/**
 * SARIF 2.1.0 for lint findings (GitHub code scanning, IDE viewers), built with node-sarif-builder:
 * one run whose driver lists every rule that ran (descriptions, help, default level) and one result
 * per finding with its region in the Dockerfile.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Rule, Severity } from '../../analysis/lint/types.js';
import type { LintRun } from './lint-run.js';

/** SARIF_SCHEMA_URI is the OASIS SARIF 2.1.0 schema the log names in `$schema`. */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
};

/** artifactUri turns a file path into a SARIF artifact URI: relative paths stay relative, absolute ones become file: URLs. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return encodeURI(file.split(path.sep).join('/'));
}

function firstSentence(s: string): string {
  const m = /^(.+?[.:])(\s|$)/.exec(s);
  return m?.[1] ?? s;
}

function ruleDescriptor(rule: Rule): SarifRuleBuilder {
  const b = new SarifRuleBuilder().initSimple({
    ruleId: rule.id,
    shortDescriptionText: firstSentence(rule.description),
    fullDescriptionText: rule.description,
    ...(rule.url !== undefined && { helpUri: rule.url }),
  });
  const more = rule.url !== undefined ? `\n\nDocumentation: ${rule.url}` : '';
  b.rule.help = {
    text: `${rule.description}${more}`,
    markdown: `**${rule.id}**: ${rule.description}${rule.url !== undefined ? `\n\n[Documentation](${rule.url})` : ''}`,
  };
  b.rule.defaultConfiguration = { level: LEVEL[rule.severity] };
  b.rule.properties = { tags: [rule.id.startsWith('STW') ? 'stowage' : 'hadolint'] };
  return b;
}

/** buildLintSarif converts a lint run to a SARIF 2.1.0 log object. */
export function buildLintSarif(run: LintRun): ReturnType<SarifBuilder['buildSarifOutput']> {
  const builder = new SarifBuilder({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [] });
  const sarifRun = new SarifRunBuilder().initSimple({
    toolDriverName: 'stowage',
    toolDriverVersion: run.toolVersion,
  });
  for (const rule of run.rules) sarifRun.addRule(ruleDescriptor(rule));
  sarifRun.run.artifacts = run.files.map((f) => ({
    location: { uri: artifactUri(f.file) },
    sourceLanguage: 'dockerfile',
  }));
  for (const file of run.files) {
    for (const f of file.findings) {
      sarifRun.addResult(
        new SarifResultBuilder().initSimple({
          level: LEVEL[f.severity],
          messageText: f.message,
          ruleId: f.ruleId,
          fileUri: artifactUri(f.file),
          startLine: f.line,
          startColumn: f.column,
          endLine: f.endLine,
          endColumn: Math.max(f.endColumn, 1),
        }),
      );
    }
  }
  builder.addRun(sarifRun);
  return builder.buildSarifOutput();
}

/** renderLintSarif is the SARIF log as indented JSON text with a final newline. */
export function renderLintSarif(run: LintRun): string {
  return `${JSON.stringify(buildLintSarif(run), null, 2)}\n`;
}
