/**
 * `stowage audit IMAGE`: secrets in every layer (deleted files included), the config and the
 * history, and risky content (setuid, world-writable, root user, leftovers, caches, sudo) — each
 * tied to the layer and build step that put it there. Text, stowage.audit/v1 JSON or SARIF;
 * exit 1 when a finding reaches --fail-on.
 */
import { parseFailOn, validateAuditConfig, type AuditConfig } from '../../report/audit-config.js';
import { buildAuditReport } from '../../report/audit-report.js';
import { renderAuditJson } from '../../report/render/audit-json.js';
import { renderAuditSarif } from '../../report/render/audit-sarif.js';
import { renderAuditText } from '../../report/render/audit-text.js';
import type { Command } from '../command.js';
import { loadProjectConfig } from '../config-file.js';
import { ExitCode } from '../exit-codes.js';
import { packageVersion } from '../version.js';
import { printWarnings } from './read-layers.js';

/** loadAuditConfig validates the `audit:` section of the project's stowage.yaml (see config-file.ts). */
async function loadAuditConfig(configPath: string | undefined): Promise<AuditConfig> {
  const { file, data } = await loadProjectConfig({ configPath, cwd: process.cwd() });
  return validateAuditConfig(data.audit, `${file ?? 'stowage.yaml'}: audit`);
}

/** auditCommand audits one image. */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'find secrets and risky content in every layer, the config and the history',
  synopsis: 'IMAGE',
  description:
    'Scans every file of every layer — including files later layers delete — plus ENV, LABEL, CMD,\n' +
    'ENTRYPOINT and the history (build args recorded as `RUN |N KEY=VALUE`) for secrets, and the final\n' +
    'filesystem for setuid/setgid and world-writable files, root user, leftovers, caches and sudo.\n' +
    'Excerpts are always redacted. Allowlist findings by path glob, rule id or fingerprint in the\n' +
    '`audit:` section of stowage.yaml (allowlist: {paths, rules, fingerprints}, failOn, maxFileBytes).\n' +
    '--format json prints a stowage.audit/v1 document (docs/schema/audit.v1.json); sarif prints SARIF 2.1.0.\n' +
    'Exit status 1 when a finding is at or above --fail-on (default error).',
  options: [
    {
      name: 'fail-on',
      type: 'string',
      valueName: 'SEVERITY',
      description: 'error (default), warning, low, info or none',
    },
    {
      name: 'config',
      type: 'string',
      valueName: 'FILE',
      description:
        'stowage.yaml to read the `audit:` section from (default ./stowage.yaml or ./stowage.yml if present)',
    },
    {
      name: 'verbose',
      type: 'boolean',
      description: 'text output: list every info finding instead of one line per rule',
    },
  ],
  formats: ['text', 'json', 'sarif'],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const config = await loadAuditConfig(
      typeof ctx.values.config === 'string' ? ctx.values.config : undefined,
    );
    const failOn =
      ctx.values['fail-on'] === undefined ? undefined : parseFailOn(ctx.values['fail-on'], '--fail-on');
    const image = await ctx.openImage(ctx.args[0] as string);
    const warnings: string[] = [];
    const report = await buildAuditReport(image, {
      onWarning: (w) => warnings.push(w),
      config,
      ...(failOn !== undefined && { failOn }),
      toolVersion: packageVersion(),
      onProgress: (done, total) => ctx.progress.update(`scanning layers ${done}/${total} …`),
    });
    printWarnings(ctx, warnings);
    switch (ctx.global.format) {
      case 'json':
        ctx.out(renderAuditJson(report));
        break;
      case 'sarif':
        ctx.out(renderAuditSarif(report));
        break;
      default:
        ctx.out(renderAuditText(report, { style: ctx.style, verbose: ctx.values.verbose === true }));
    }
    return report.failed ? ExitCode.policyFailed : ExitCode.ok;
  },
};
