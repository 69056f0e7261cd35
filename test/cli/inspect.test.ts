/**
 * `stowage inspect` on the sample image: text and JSON output checked against the archive as
 * Python's tarfile reads it, the JSON validated against docs/schema/inspect.v1.json.
 */
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectReport } from '../../src/index.js';
import { displayCreatedBy } from '../../src/report/format/created-by.js';
import { readWithPython, run, writeSample, type Oracle } from './cli-harness.js';

type AjvClass = new (opts: object) => {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown };
};
const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020.js') as AjvClass & { default?: AjvClass };

let dir: string;
let tar: string;
let ref: string;
let oracle: Oracle;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-inspect-'));
  tar = await writeSample(dir);
  ref = `docker-archive:${tar}`;
  oracle = readWithPython(tar);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inspectJson(): Promise<InspectReport> {
  const r = await run(['inspect', '--format', 'json', ref]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as InspectReport;
}

describe('inspect --format json', () => {
  it('validates against the published schema', async () => {
    const schema = JSON.parse(
      await readFile(new URL('../../docs/schema/inspect.v1.json', import.meta.url), 'utf8'),
    ) as unknown;
    const Ajv = Ajv2020.default ?? Ajv2020;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const report = await inspectJson();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    // the schema must reject a report missing a required field
    const { totals: _totals, ...broken } = report;
    expect(validate(broken)).toBe(false);
  });

  it('matches the archive as Python reads it', async () => {
    const report = await inspectJson();
    const cfg = oracle.config;
    expect(report.schema).toBe('stowage.inspect/v1');
    expect(report.reference).toContain(tar);
    expect(report.platform).toBe(`${cfg.os}/${cfg.architecture}`);
    expect(report.created).toBe(cfg.created ?? null);
    expect(report.author).toBe(cfg.author ?? null);
    expect(report.index).toBeNull();
    expect(report.config.env).toEqual(cfg.config.Env);
    expect(report.config.cmd).toEqual(cfg.config.Cmd);
    expect(report.config.user).toBe(cfg.config.User);
    expect(report.config.workdir).toBe(cfg.config.WorkingDir);
    expect(report.config.labels).toEqual(cfg.config.Labels);
    expect(report.config.ports).toEqual(Object.keys(cfg.config.ExposedPorts as object).sort());

    expect(report.layers).toHaveLength(oracle.layers.length);
    const nonEmpty = cfg.history.filter((h) => h.empty_layer !== true);
    report.layers.forEach((l, i) => {
      const o = oracle.layers[i]!;
      expect(l.index).toBe(i);
      expect(l.diffId).toBe(`sha256:${o.sha256}`);
      expect(l.diffId).toBe(cfg.rootfs.diff_ids[i]);
      expect(l.digest).toBe(`sha256:${o.sha256}`); // a plain tar layer's digest is its diff_id
      expect(l.compressedSize).toBe(o.size);
      expect(l.uncompressedSize).toBe(o.size);
      expect(l.entries).toBe(o.entries);
      expect(l.createdBy).toBe(nonEmpty[i]?.created_by);
    });

    expect(report.history).toHaveLength(cfg.history.length);
    let layer = 0;
    report.history.forEach((h, i) => {
      expect(h.index).toBe(i);
      expect(h.createdBy).toBe(cfg.history[i]?.created_by);
      expect(h.emptyLayer).toBe(cfg.history[i]?.empty_layer === true);
      expect(h.layerIndex).toBe(h.emptyLayer ? null : layer++);
    });

    const sum = (f: (o: (typeof oracle.layers)[number]) => number): number =>
      oracle.layers.reduce((a, o) => a + f(o), 0);
    expect(report.totals).toEqual({
      layers: oracle.layers.length,
      compressedSize: sum((o) => o.size),
      uncompressedSize: sum((o) => o.size),
      entries: sum((o) => o.entries),
    });
  });
});

describe('inspect (text)', () => {
  it('shows the summary, one row per history step and the totals', async () => {
    const r = await run(['inspect', ref]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\x1b');
    const lines = r.stdout.split('\n');
    expect(lines.some((l) => l.startsWith('Image') && l.includes(tar))).toBe(true);
    expect(r.stdout).toMatch(
      new RegExp(`^Platform\\s+${oracle.config.os}/${oracle.config.architecture}$`, 'm'),
    );
    const header = lines.findIndex((l) => /^\s*LAYER\s+CREATED BY/.test(l));
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 1, header + 1 + oracle.config.history.length);
    oracle.config.history.forEach((h, i) => {
      const row = rows[i]!;
      expect(row).toContain(displayCreatedBy(h.created_by).slice(0, 40));
      if (h.empty_layer === true) expect(row).toMatch(/^\s*-\s/);
      else expect(row).toMatch(/^\s*\d+\s/);
    });
    oracle.layers.forEach((o) => expect(r.stdout).toContain(`sha256:${o.sha256.slice(0, 12)}`));
    const entries = oracle.layers.reduce((a, o) => a + o.entries, 0);
    expect(r.stdout).toMatch(new RegExp(`Total\\s+${oracle.layers.length} layers, .* ${entries} entries`));
  });

  it('uses colour only on a terminal without NO_COLOR or --no-color', async () => {
    const tty = { stdoutTTY: true };
    expect((await run(['inspect', ref], tty)).stdout).toContain('\x1b[');
    expect((await run(['inspect', ref], { ...tty, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b');
    expect((await run(['inspect', '--no-color', ref], tty)).stdout).not.toContain('\x1b');
  });

  it('shows progress on stderr only when stderr is a terminal', async () => {
    const onTty = await run(['inspect', ref], { stderrTTY: true });
    expect(onTty.stderr).toMatch(/reading layer \d+\/\d+/);
    expect((await run(['inspect', ref])).stderr).toBe('');
  });
});
