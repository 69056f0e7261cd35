/**
 * `stowage audit` against images built with buildah FROM the busybox base: a key copied in and
 * deleted a step later, a --build-arg secret used by a RUN, an ENV token, an .npmrc token living
 * only in a build stage, setuid/setgid and world-writable paths. Oracles: the layer tars listed by
 * GNU tar, the rootfs `umoci unpack` writes (and `find -perm` on it), and a build of the stage
 * itself. Every output format is grepped for the planted secrets.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditFinding, AuditReport } from '../../src/report/audit-types.js';
import { run as cli } from '../cli/cli-harness.js';
import { Buildah } from '../fixtures/buildah.js';
import { buildBusyboxBase } from '../fixtures/busybox-base.js';
import { runText } from '../fixtures/run.js';
import { sarifErrors } from '../helpers/sarif-schema.js';
import { describeWithTools } from '../helpers/tools.js';

const alnum = (n: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(n)].map((b) => chars[b % chars.length]).join('');
};

// planted secrets, random per run so no output can contain them by accident
const keyBody = [alnum(64), alnum(64), alnum(64)];
const privateKey = `-----BEGIN OPENSSH PRIVATE KEY-----\n${keyBody.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
// a value with a space: buildah records it unquoted (`|2 DEPLOY_TOKEN=bA… …`), both halves must be masked
const buildArgHalves = [`bA${alnum(14)}`, alnum(15)];
const buildArg = buildArgHalves.join(' ');
const envToken = `ghp_${alnum(36)}`;
const npmToken = `npm_${alnum(36)}`;
const PLANTED = [...keyBody, buildArg, ...buildArgHalves, envToken, npmToken];

const dockerfile = (base: string) => `FROM ${base} AS build
RUN mkdir -p /root && echo "//registry.npmjs.org/:_authToken=${npmToken}" > /root/.npmrc && echo built > /artifact

FROM ${base}
ARG DEPLOY_TOKEN
COPY id_rsa /root/.ssh/id_rsa
RUN rm /root/.ssh/id_rsa
ENV GITHUB_TOKEN=${envToken}
RUN echo "deploying with $DEPLOY_TOKEN" > /dev/null
COPY --from=build /artifact /artifact
RUN mkdir -p /usr/bin /srv/shared /ww-dir && touch /usr/bin/helper /ww-file /usr/bin/grouped && chmod 4755 /usr/bin/helper && chmod 2755 /usr/bin/grouped && chmod 2775 /srv/shared && chmod 777 /ww-dir && chmod 666 /ww-file
`;

let work: string;
let layout: string;
let rootfs: string;

async function audit(...args: string[]) {
  return cli(['audit', `oci:${layout}:leaky`, ...args]);
}

async function auditJson(...args: string[]): Promise<{ code: number; report: AuditReport }> {
  const r = await audit('--format', 'json', ...args);
  return { code: r.code, report: JSON.parse(r.stdout) as AuditReport };
}

function blob(digest: string): string {
  return join(layout, 'blobs', 'sha256', digest.slice('sha256:'.length));
}

async function find(...pred: string[]): Promise<string[]> {
  const out = await runText('find', [rootfs, ...pred]);
  return out === ''
    ? []
    : out
        .split('\n')
        .map((p) => p.slice(rootfs.length + 1))
        .sort();
}

describeWithTools('stowage audit on buildah images', ['buildah', 'umoci', 'tar'], () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stowage-audit-'));
    const buildah = await Buildah.create(join(work, 'storage'));
    const base = 'localhost/stowage-audit-base:latest';
    await buildBusyboxBase(buildah, work, base);
    const ctx = join(work, 'ctx');
    await mkdir(ctx, { recursive: true });
    await writeFile(join(ctx, 'Dockerfile'), dockerfile(base));
    await writeFile(join(ctx, 'id_rsa'), privateKey);
    await buildah.bud(ctx, 'localhost/leaky:latest', ['--build-arg', `DEPLOY_TOKEN=${buildArg}`]);
    await buildah.bud(ctx, 'localhost/leaky-build:latest', ['--target', 'build']);
    layout = join(work, 'layout');
    await buildah.push('localhost/leaky:latest', `oci:${layout}:leaky`);
    await buildah.push('localhost/leaky-build:latest', `oci:${layout}:build`);
    await runText('umoci', ['unpack', '--image', `${layout}:leaky`, join(work, 'bundle')]);
    rootfs = join(work, 'bundle', 'rootfs');
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('finds the deleted key in the layer that copied it, not visible, with the COPY step', async () => {
    const { report } = await auditJson();
    const keys = report.findings.filter((f) => f.ruleId === 'private-key');
    expect(keys).toHaveLength(1);
    const key = keys[0] as AuditFinding;
    expect(key).toMatchObject({
      path: 'root/.ssh/id_rsa',
      visible: false,
      source: 'layer',
      severity: 'error',
    });
    expect(existsSync(join(rootfs, 'root/.ssh/id_rsa'))).toBe(false);
    // the layer named holds the file (GNU tar lists the blob); no other layer does
    const listing = await runText('tar', ['-tf', blob(key.layer?.digest as string)]);
    expect(listing.split('\n').map((l) => l.replace(/^\.\//, ''))).toContain('root/.ssh/id_rsa');
    expect(key.instruction).toMatch(/COPY/);
    expect(key.instruction).toMatch(/id_rsa/);
    expect(key.fix).toMatch(/later step/);
  });

  it('finds the build arg in the RUN step that used it, and the ENV token in the config', async () => {
    const { report } = await auditJson();
    const args = report.findings.filter((f) => f.ruleId === 'build-arg-secret');
    expect(args).toHaveLength(1);
    const arg = args[0] as AuditFinding;
    expect(arg).toMatchObject({
      source: 'history',
      severity: 'error',
      excerpt: `${buildArg.slice(0, 4)}…(32 chars)`,
    });
    // buildah records the arg on every RUN after the ARG, counting its words (2): the finding names
    // the first RUN, with its layer, and the whole value is masked
    expect(arg.instruction).toMatch(/^\|2 DEPLOY_TOKEN=bA\w\w…\(32 chars\) \/bin\/sh -c rm /);
    expect(arg.message).toMatch(/shown by 3 history entries/);
    // that RUN's layer is the one holding the whiteout for the key (GNU tar lists it)
    const listing = await runText('tar', ['-tf', blob(arg.layer?.digest as string)]);
    expect(listing).toMatch(/root\/\.ssh\/\.wh\.id_rsa/);
    const env = report.findings.find((f) => f.ruleId === 'github-token');
    expect(env).toMatchObject({ source: 'config', path: 'config.Env[1]', excerpt: 'ghp_…(40 chars)' });
    expect(env?.instruction).toMatch(/ENV GITHUB_TOKEN=ghp_…/);
  });

  it('does not report the .npmrc token of the build stage, which it finds in that stage', async () => {
    const { report } = await auditJson();
    expect(report.findings.filter((f) => f.path?.endsWith('.npmrc') === true)).toEqual([]);
    const stage = await cli(['audit', `oci:${layout}:build`, '--format', 'json']);
    const stageReport = JSON.parse(stage.stdout) as AuditReport;
    expect(stageReport.findings.filter((f) => f.path === 'root/.npmrc').map((f) => f.ruleId)).toEqual([
      'npm-token',
    ]);
  });

  it('counts setuid/setgid like find -perm on the umoci-unpacked rootfs', async () => {
    const { report } = await auditJson();
    expect(report.summary.setuid).toBe((await find('-perm', '-4000')).length);
    expect(report.summary.setgid).toBe((await find('-perm', '-2000')).length);
    const files = report.findings
      .filter((f) => f.ruleId.startsWith('setuid-'))
      .map((f) => f.path)
      .sort();
    expect(files).toEqual(await find('-type', 'f', '(', '-perm', '-4000', '-o', '-perm', '-2000', ')'));
    expect(files).toContain('usr/bin/helper');
    const ww = report.findings
      .filter((f) => f.ruleId === 'world-writable')
      .map((f) => f.path)
      .sort();
    expect(ww).toEqual(
      await find(
        '(',
        '-type',
        'f',
        '-perm',
        '-0002',
        ')',
        '-o',
        '(',
        '-type',
        'd',
        '-perm',
        '-0002',
        '!',
        '-perm',
        '-1000',
        ')',
      ),
    );
  });

  it('prints no planted secret unredacted in any format', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = await audit('--format', format, '--verbose');
      expect(r.stdout.length).toBeGreaterThan(100);
      for (const secret of PLANTED) expect(r.stdout, `${format} output`).not.toContain(secret);
      expect(r.stderr).not.toContain(buildArg);
    }
    const sarif = JSON.parse((await audit('--format', 'sarif')).stdout) as unknown;
    expect(sarifErrors(sarif)).toEqual([]);
    const schema = JSON.parse(
      await readFile(new URL('../../docs/schema/audit.v1.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    const { report } = await auditJson('--verbose');
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...report, summary: { ...report.summary, setuid: -1 } })).toBe(false);
  });

  it('fails on error findings by default, honours --fail-on and the allowlist', async () => {
    expect((await audit()).code).toBe(1);
    expect((await audit('--fail-on', 'none')).code).toBe(0);
    const { report } = await auditJson();
    const env = report.findings.find((f) => f.ruleId === 'github-token') as AuditFinding;
    const cfg = join(work, 'stowage.yaml');
    await writeFile(
      cfg,
      `audit:\n  allowlist:\n    rules: [private-key, build-arg-secret]\n    paths: ['/ww-*']\n    fingerprints: [${env.fingerprint}]\n`,
    );
    const allowed = await auditJson('--config', cfg);
    expect(allowed.code).toBe(0);
    expect(allowed.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(allowed.report.suppressed.map((s) => s.by.kind).sort()).toEqual([
      'fingerprint',
      'path',
      'path',
      'rule',
      'rule',
    ]);
    expect((await audit('--fail-on', 'bogus')).code).toBe(2);
  });

  it('reads ./stowage.yml when no --config is given, and names the line of a YAML error', async () => {
    const { report } = await auditJson();
    const env = report.findings.find((f) => f.ruleId === 'github-token') as AuditFinding;
    const project = join(work, 'project');
    await mkdir(project, { recursive: true });
    const cwd = process.cwd();
    process.chdir(project);
    try {
      expect((await audit()).code).toBe(1);
      await writeFile(
        join(project, 'stowage.yml'),
        `audit:\n  failOn: error\n  allowlist:\n    rules: [private-key, build-arg-secret]\n    fingerprints: [${env.fingerprint}]\n`,
      );
      expect((await audit()).code).toBe(0);
      await writeFile(join(project, 'stowage.yml'), 'audit:\n  allowlist:\n    rules: [private-key\n');
      const bad = await audit();
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/not valid YAML at line 4, column \d+: .*stowage\.yml/);
    } finally {
      process.chdir(cwd);
    }
  });
});
