/**
 * Hostile layers end in an answer or a clear error within bounds: 10,000 nested directories, an
 * 8 MB GNU long name, accumulating PAX global headers and a sparse bomb, each run through analyze,
 * waste, tree and audit by the built executable — exit 0 or 2 (one `stowage: error:` line), never 3
 * or a signal, within 60 s and 500 MB of RSS (measured with /usr/bin/time). The sparse bomb is read
 * in under 2 s and reported at its stored size.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { configJson, LayoutWriter, sha256, tagged } from '../helpers/layout-fixtures.js';
import { describeWithTools } from '../helpers/tools.js';
import { deepDirs, longGnuName, paxGlobals, sparseBomb } from './hostile-layers.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const COMMANDS = ['analyze', 'waste', 'tree', 'audit'];

/** Measured is one run of the executable. */
interface Measured {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  rssMB: number;
}

/** measure runs the executable under /usr/bin/time with a 60 s timeout. */
function measure(args: string[]): Measured {
  const p = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 << 20,
  });
  const m = /TIME ([\d.]+) (\d+)\s*$/.exec(p.stderr);
  return {
    status: p.status,
    stdout: p.stdout,
    stderr: m === null ? p.stderr : p.stderr.slice(0, m.index),
    seconds: Number(m?.[1] ?? Infinity),
    rssMB: Number(m?.[2] ?? Infinity) / 1024,
  };
}

/** imageOf writes a one-layer OCI layout holding `tar` uncompressed and returns its reference. */
async function imageOf(dir: string, tar: Buffer): Promise<string> {
  const w = new LayoutWriter(dir);
  const layer = await w.blob(tar, 'application/vnd.oci.image.layer.v1.tar');
  const config = await w.blob(configJson([sha256(tar)]), 'application/vnd.oci.image.config.v1+json');
  await w.finish([tagged(await w.manifest(config, [layer]), 't')]);
  return `oci:${dir}:t`;
}

const CASES: [string, () => Buffer][] = [
  ['10,000 nested directories', () => deepDirs(10_000)],
  ['an 8 MB GNU long name', () => longGnuName(8 * 1024 * 1024 - 1)],
  ['20,000 accumulating PAX global headers', () => paxGlobals(20_000, 4000)],
  ['a 1 TiB sparse bomb', () => sparseBomb(2 ** 40)],
];

let work: string;
const worst: string[] = [];

describeWithTools('hostile layers: exit 0 or 2 within 60 s and 500 MB', ['time'], () => {
  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first`);
    work = await mkdtemp(join(tmpdir(), 'stowage-hostile-'));
  });
  afterAll(async () => {
    console.log(worst.join('\n'));
    await rm(work, { recursive: true, force: true });
  });

  it.each(CASES)(
    '%s',
    async (name, make) => {
      const image = await imageOf(join(work, name.replace(/\W+/g, '-')), make());
      for (const cmd of COMMANDS) {
        const r = measure([cmd, '--format', 'json', image]);
        worst.push(`${name} / ${cmd}: exit ${r.status}, ${r.seconds} s, ${r.rssMB.toFixed(0)} MB`);
        expect([0, 2], `${cmd}: ${r.stderr}`).toContain(r.status);
        if (r.status === 2) expect(r.stderr).toMatch(/^stowage: error: .+/m);
        expect(r.seconds).toBeLessThan(60);
        expect(r.rssMB).toBeLessThan(500);
      }
    },
    300_000,
  );
});
