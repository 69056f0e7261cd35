/**
 * A clean Debian image (debootstrap --variant=minbase bookworm, committed with buildah) has no
 * finding at error level and no secret at any level. The rootfs is the run's shared Debian fixture.
 * The lower-level findings are printed so they can be reviewed; their setuid/setgid counts are
 * checked against `find -perm` on the rootfs debootstrap wrote.
 */
import { beforeAll, expect, it } from 'vitest';
import type { AuditReport } from '../../src/report/audit-types.js';
import { run as cli } from '../cli/cli-harness.js';
import { DEBIAN_TOOLS, getDebianBase, type DebianBase } from '../fixtures/debian-base.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';

let base: DebianBase;
let report: AuditReport;

describeWithTools('stowage audit on a clean Debian image', DEBIAN_TOOLS, () => {
  beforeAll(async () => {
    base = await getDebianBase();
    const r = await cli(['audit', base.ref, '--format', 'json']);
    report = JSON.parse(r.stdout) as AuditReport;
    expect(r.code).toBe(0);
  }, 900_000);

  it('has no error-level finding', () => {
    const lower = report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.path ?? ''} ${f.size ?? ''}`);
    console.info(`Debian minbase audit: ${JSON.stringify(report.summary)}\n${lower.join('\n')}`);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // a fresh debootstrap holds no secret: any secret finding is a false positive (the generic rules
    // once fired on apt's Packages lists; they skip package metadata now)
    expect(
      report.findings.filter((f) => f.category === 'secret').map((f) => `${f.ruleId} ${f.path}`),
    ).toEqual([]);
    expect(report.summary.filesScanned).toBeGreaterThan(1000);
  });

  it('counts setuid/setgid like find -perm on the rootfs', async () => {
    const count = async (perm: string) => {
      const out = await runText('find', [base.rootfs, '-perm', perm]);
      return out === '' ? 0 : out.split('\n').length;
    };
    expect(report.summary.setuid).toBe(await count('-4000'));
    expect(report.summary.setgid).toBe(await count('-2000'));
    expect(report.summary.setuid).toBeGreaterThan(0);
  });
});
