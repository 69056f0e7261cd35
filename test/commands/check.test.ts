/**
 * `stowage check` on the sample image: exit codes for pass, fail and invalid configuration; dive's
 * `.dive-ci` read with its keys and a disabled rule; base-image exclusion; JSON valid against its
 * schema with figures recomputed from Python's reading of the layers; JUnit XML parsed by Python;
 * SARIF valid against the SARIF 2.1.0 requirements it touches.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckDocument } from '../../src/report/check-report.js';
import { run, writeSample } from '../cli/cli-harness.js';
import { readLayersWithPython, storedFileBytes } from './layer-oracle.js';
import { sarifErrors } from '../helpers/sarif-schema.js';
import { schemaValidator } from './schema-validate.js';

let dir: string;
let ref: string;
let stored: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-check-'));
  const tar = await writeSample(dir);
  ref = `docker-archive:${tar}`;
  stored = readLayersWithPython(tar).reduce((s, l) => s + storedFileBytes(l), 0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

async function checkJson(...args: string[]): Promise<{ code: number; doc: CheckDocument; stderr: string }> {
  const r = await run(['check', '--format', 'json', ref, ...args]);
  return { code: r.code, doc: JSON.parse(r.stdout) as CheckDocument, stderr: r.stderr };
}

describe('stowage check', () => {
  it('exits 1 on a failed threshold and prints a schema-valid document with the measured figures', async () => {
    const { code, doc } = await checkJson('--min-efficiency', '0.99', '--max-layers', '100');
    expect(code).toBe(1);
    const validate = await schemaValidator('check');
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.passed).toBe(false);
    expect(doc.metrics.uncompressedSize).toBe(stored);
    expect(doc.metrics.judgedBytes).toBe(stored);
    expect(doc.metrics.efficiency).toBeCloseTo(1 - doc.metrics.reclaimableBytes / stored, 12);
    expect(doc.rules.map((r) => [r.id, r.status])).toEqual([
      ['min-efficiency', 'fail'],
      ['max-layers', 'pass'],
    ]);
  });

  it('exits 0 when every threshold passes', async () => {
    const cfg = await file(
      'pass.yaml',
      'check:\n  minEfficiency: 0.1\n  maxImageSize: 1GB\n  maxReclaimablePercent: "90%"\n',
    );
    const { code, doc } = await checkJson('--config', cfg);
    expect(code).toBe(0);
    expect(doc.rules.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    expect(doc.configFiles).toEqual([cfg]);
  });

  it('exits 2 on an invalid configuration, naming the file and key', async () => {
    for (const text of [
      'check:\n  minEfficiency: 1.5\n',
      'check:\n  maxImageSize: lots\n',
      'check:\n  nope: 1\n',
      'check: [1\n',
    ]) {
      const cfg = await file('bad.yaml', text);
      const r = await run(['check', ref, '--config', cfg]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('bad.yaml');
    }
    const dive = await file('bad.dive-ci', 'rules:\n  lowestEfficiency: 2\n');
    expect((await run(['check', ref, '--dive-ci', dive])).code).toBe(2);
  });

  it('reads dive’s .dive-ci as is: its keys, sizes with units, disabled rules and dive’s defaults', async () => {
    const dive = await file(
      '.dive-ci',
      'rules:\n  highestWastedBytes: 20MB\n  highestUserWastedPercent: disabled\n',
    );
    const { code, doc } = await checkJson('--dive-ci', dive);
    const byId = Object.fromEntries(doc.rules.map((r) => [r.id, r]));
    // lowestEfficiency is left out, so dive's default 0.9 applies
    expect(byId['dive.lowestEfficiency']).toMatchObject({
      limit: 0.9,
      status: doc.metrics.dive.efficiency < 0.9 ? 'fail' : 'pass',
    });
    expect(byId['dive.highestWastedBytes']).toMatchObject({ limit: 20_000_000, status: 'pass' });
    expect(byId['dive.highestUserWastedPercent']).toMatchObject({ status: 'skip', limit: null });
    expect(code).toBe(doc.rules.some((r) => r.status === 'fail') ? 1 : 0);
    const strict = await file(
      'strict.dive-ci',
      'rules:\n  lowestEfficiency: 0.95\n  highestWastedBytes: disabled\n  highestUserWastedPercent: 0.20\n',
    );
    const r = await checkJson('--dive-ci', strict);
    expect(r.code).toBe(1);
    expect(r.doc.rules.find((x) => x.id === 'dive.highestUserWastedPercent')?.limit).toBe(0.2);
  });

  it('excludes a base image’s layers from judgement', async () => {
    const { code, doc } = await checkJson('--base', ref, '--min-efficiency', '0.99');
    expect(doc.base).toMatchObject({
      reference: ref,
      source: 'flag',
      complete: true,
      layers: doc.metrics.layers,
    });
    expect([doc.metrics.judgedBytes, doc.metrics.reclaimableBytes, code]).toEqual([0, 0, 0]);
  });

  it('ignores paths matching the ignore globs', async () => {
    const all = (await checkJson()).doc.metrics;
    const some = (await checkJson('--ignore', 'app/**')).doc;
    const appWaste = (await checkJson()).doc.topWaste
      .filter((w) => w.path.startsWith('app/'))
      .reduce((s, w) => s + w.bytes, 0);
    expect(some.metrics.reclaimableBytes).toBe(all.reclaimableBytes - appWaste);
    expect(some.ignore).toEqual(['app/**']);
  });

  it('writes JUnit XML that parses, one testcase per rule', async () => {
    const r = await run([
      'check',
      '--format',
      'junit',
      ref,
      '--min-efficiency',
      '0.99',
      '--max-layers',
      '100',
      '--dive-ci',
      await file('d.yml', 'rules:\n  highestWastedBytes: disabled\n'),
    ]);
    expect(r.code).toBe(1);
    const py =
      'import sys, xml.etree.ElementTree as ET\nroot = ET.fromstring(sys.stdin.read())\n' +
      "for tc in root.iter('testcase'):\n  print(tc.get('name'), 'failure' if tc.find('failure') is not None else 'skipped' if tc.find('skipped') is not None else 'ok')\n";
    const parsed = execFileSync('python3', ['-c', py], { input: r.stdout, encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(parsed).toEqual(
      expect.arrayContaining(['min-efficiency failure', 'max-layers ok', 'dive.highestWastedBytes skipped']),
    );
  });

  it('writes SARIF 2.1.0', async () => {
    const r = await run([
      'check',
      '--format',
      'sarif',
      ref,
      '--min-efficiency',
      '0.99',
      '--max-layers',
      '100',
    ]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as {
      runs: { results: { ruleId: string; kind: string; level: string }[] }[];
    };
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0]?.results.map((x) => [x.ruleId, x.kind, x.level])).toEqual([
      ['min-efficiency', 'fail', 'error'],
      ['max-layers', 'pass', 'none'],
    ]);
    // the schema check must be able to fail
    expect(sarifErrors({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).not.toEqual([]);
  });
});
