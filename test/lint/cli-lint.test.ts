/**
 * `stowage lint` through runCli with captured streams: exit codes (clean, findings, invalid
 * config, missing file), formats, thresholds, the default ./Dockerfile, and --fix / --write.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  };
  const code = await runCli(['lint', ...argv], io);
  return { code, stdout, stderr };
}

const CLEAN = 'FROM scratch\nCOPY app /app\nCMD ["/app"]\n';
const WARNS =
  'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88 \\\n    && rm -rf /var/lib/apt/lists/*\nADD https://e.com/x /x\n';
const FIXABLE = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl=7.88\n';

describe('stowage lint', () => {
  let dir: string;
  const at = (name: string) => path.join(dir, name);
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stw-cli-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('exits 0 on a clean Dockerfile and 1 when a finding reaches the threshold', async () => {
    await writeFile(at('clean'), CLEAN);
    await writeFile(at('warns'), WARNS);
    const clean = await cli(at('clean'));
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('no findings');
    const warns = await cli(at('warns'));
    expect(warns.code).toBe(1);
    expect(warns.stdout).toMatch(/:4:1 warning STW011 /);
    expect((await cli(at('warns'), '--failure-threshold', 'error')).code).toBe(0);
    expect((await cli(at('warns'), '--failure-threshold', 'none')).code).toBe(0);
  });

  it('exits 2 for a missing file, an invalid config, and a bad threshold', async () => {
    const missing = await cli(at('nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the Dockerfile.*nope/);
    await writeFile(at('Dockerfile'), CLEAN);
    await writeFile(at('bad.yaml'), 'lint:\n  ignored: DL3008\n');
    const bad = await cli(at('Dockerfile'), '--config', at('bad.yaml'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"ignored" must be a list/);
    await writeFile(at('unknown.yaml'), 'lint:\n  ignore: [DL3008]\n');
    expect((await cli(at('Dockerfile'), '--config', at('unknown.yaml'))).stderr).toMatch(
      /unknown key "ignore"/,
    );
    expect((await cli(at('Dockerfile'), '--config', at('absent.yaml'))).code).toBe(2);
    expect((await cli(at('Dockerfile'), '--failure-threshold', 'fatal')).code).toBe(2);
    expect((await cli(at('Dockerfile'), '--context', at('no-dir'))).code).toBe(2);
  });

  it('applies the lint: section of stowage.yaml (ignored, override, failureThreshold)', async () => {
    await writeFile(at('Dockerfile'), WARNS);
    await writeFile(
      at('s.yaml'),
      'other: {}\nlint:\n  ignored: [STW011]\n  override: {error: [DL3009]}\n  failureThreshold: warning\n',
    );
    const r = await cli(at('Dockerfile'), '--config', at('s.yaml'), '--format', 'json');
    const doc = JSON.parse(r.stdout) as {
      files: { findings: { ruleId: string }[] }[];
      failureThreshold: string;
    };
    expect(doc.failureThreshold).toBe('warning');
    expect(doc.files[0]!.findings.map((f) => f.ruleId)).not.toContain('STW011');
    expect(r.code).toBe(0);
  });

  it('lints ./Dockerfile by default and prints sarif and checkstyle', async () => {
    await writeFile(at('Dockerfile'), WARNS);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await cli('--format', 'sarif');
      expect(r.code).toBe(1);
      const log = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
      expect(log.version).toBe('2.1.0');
      expect(log.runs[0]!.results.map((x) => x.ruleId)).toContain('STW011');
      const xml = await cli('--format', 'checkstyle');
      expect(xml.stdout).toMatch(/<file name="Dockerfile">[\s\S]*source="STW011"/);
    } finally {
      process.chdir(cwd);
    }
    expect((await cli(at('Dockerfile'), '--format', 'yaml')).code).toBe(2);
  });

  it('--fix prints a diff that patch applies; --fix --write rewrites the file atomically', async () => {
    await writeFile(at('Dockerfile'), FIXABLE);
    const cwd = process.cwd();
    process.chdir(dir);
    let diff: Captured;
    try {
      diff = await cli('--fix');
    } finally {
      process.chdir(cwd);
    }
    expect(diff.stdout).toMatch(/^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ /);
    expect(await readFile(at('Dockerfile'), 'utf8')).toBe(FIXABLE);
    execFileSync('patch', ['-s', '-p1', '-i', '-'], { cwd: dir, input: diff.stdout });
    const patched = await readFile(at('Dockerfile'), 'utf8');
    expect(patched).toContain('--no-install-recommends');

    await writeFile(at('Dockerfile'), FIXABLE);
    const w = await cli(at('Dockerfile'), '--fix', '--write');
    expect(w.stdout).toMatch(/applied \d+ fix/);
    expect(await readFile(at('Dockerfile'), 'utf8')).toBe(patched);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await cli(at('Dockerfile'), '--write')).code).toBe(2);
  });
});
