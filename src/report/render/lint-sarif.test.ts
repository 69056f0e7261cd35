/**
 * SARIF output checks: the log validates against the official SARIF 2.1.0 JSON schema, and its
 * rules, results and locations point at the right findings.
 */
import { describe, expect, it } from 'vitest';
import { lintRunOf } from '../../../test/helpers/lint-run.js';
import { sarifErrors } from '../../../test/helpers/sarif-schema.js';
import { artifactUri, buildLintSarif } from './lint-sarif.js';

describe('buildLintSarif', () => {
  it('is valid SARIF 2.1.0 whose rules and results match the findings', async () => {
    const run = await lintRunOf({
      'dir with space/Dockerfile':
        'FROM debian\nCOPY id_rsa /k\nRUN apt-get update && apt-get install -y gcc && rm /k\n',
    });
    const log = buildLintSarif(run);
    expect(sarifErrors(log)).toEqual([]);

    const sarifRun = log.runs[0]!;
    const rules = sarifRun.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(run.rules.map((r) => r.id));
    const findings = run.files[0]!.findings;
    expect(sarifRun.results!.map((r) => r.ruleId)).toEqual(findings.map((f) => f.ruleId));
    for (const [k, r] of sarifRun.results!.entries()) {
      expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId);
      const region = r.locations![0]!.physicalLocation!.region!;
      expect([region.startLine, region.startColumn]).toEqual([findings[k]!.line, findings[k]!.column]);
      expect(r.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('dir%20with%20space/Dockerfile');
    }
    expect(sarifRun.results!.find((r) => r.ruleId === 'STW007')?.level).toBe('error');
    expect(sarifRun.results!.find((r) => r.ruleId === 'STW008')?.level).toBe('note');
  });

  it('fails schema validation when a result has no message (the check can fail)', async () => {
    const log = buildLintSarif(await lintRunOf({ Dockerfile: 'FROM debian\nRUN apt-get install -y x\n' }));
    delete (log.runs[0]!.results![0] as { message?: unknown }).message;
    expect(sarifErrors(log)).not.toEqual([]);
  });

  it('turns absolute paths into file: URLs', () => {
    expect(artifactUri('/tmp/a b/Dockerfile')).toBe('file:///tmp/a%20b/Dockerfile');
  });
});
