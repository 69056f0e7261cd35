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
  /** user + system CPU seconds (wall time on this shared 2-core machine says little) */
  cpuSeconds: number;
  wallSeconds: number;
  rssMB: number;
}

/** measure runs the executable under /usr/bin/time, killed after 120 s. */
function measure(args: string[], env: Record<string, string> = {}): Measured {
  const p = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S %e %M', process.execPath, BIN, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 512 << 20,
    env: { ...process.env, ...env },
  });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(p.stderr);
  return {
    status: p.status,
    stdout: p.stdout,
    stderr: m === null ? p.stderr : p.stderr.slice(0, m.index),
    cpuSeconds: m === null ? Infinity : Number(m[1]) + Number(m[2]),
    wallSeconds: Number(m?.[3] ?? Infinity),
    rssMB: Number(m?.[4] ?? Infinity) / 1024,
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

/** RAISED lifts the path limits far enough for 10,000 nested directories. */
const RAISED = { STOWAGE_MAX_PATH_BYTES: '100000', STOWAGE_MAX_PATH_DEPTH: '100000' };

/** Case is one hostile layer and what each command must answer. */
interface Case {
  name: string;
  make: () => Buffer;
  env?: Record<string, string>;
  /** the exit status every command gives, and a line its stderr holds */
  status: 0 | 2;
  stderr?: RegExp;
  /** RSS bound in MB (500 unless said) */
  rssMB?: (cmd: string) => number;
}

const CASES: Case[] = [
  {
    name: '10,000 nested directories (default limits)',
    make: () => deepDirs(10_000),
    status: 2,
    stderr:
      /^stowage: error: a name of \d+ bytes exceeds the limit of 4096 bytes of a path .*\nstowage: hint: .*STOWAGE_MAX_PATH_BYTES=N/m,
  },
  {
    name: '10,000 nested directories (path limits raised)',
    make: () => deepDirs(10_000),
    env: RAISED,
    status: 0,
    // tree's JSON carries each node's full path: ~100 MB of output for this layer
    rssMB: (cmd) => (cmd === 'tree' ? 600 : 500),
  },
  {
    name: 'an 8 MB GNU long name',
    make: () => longGnuName(8 * 1024 * 1024 - 1),
    status: 2,
    stderr:
      /extended header \(type 'L'\) of 8388608 bytes exceeds the limit of 1048576 .*\n.*STOWAGE_MAX_TAR_HEADER_BYTES=N/,
  },
  {
    name: '20,000 PAX global headers',
    make: () => paxGlobals(20_000, 4000),
    status: 0,
    stderr: /^stowage: warning: layer 0: tar has a PAX global header at byte offset 0 .* ignored/m,
  },
  { name: 'a 1 TiB sparse bomb', make: () => sparseBomb(2 ** 40), status: 0 },
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

  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (name, c) => {
      const image = await imageOf(join(work, name.replace(/\W+/g, '-')), c.make());
      for (const cmd of COMMANDS) {
        const r = measure([cmd, '--format', 'json', image], c.env);
        worst.push(
          `${name} / ${cmd}: exit ${r.status}, ${r.cpuSeconds.toFixed(1)} s CPU, ` +
            `${r.wallSeconds} s wall, ${r.rssMB.toFixed(0)} MB`,
        );
        expect(r.status, `${cmd}: ${r.stderr}`).toBe(c.status);
        if (c.stderr !== undefined) expect(r.stderr).toMatch(c.stderr);
        expect(r.stderr).not.toMatch(/internal error/);
        expect(r.cpuSeconds).toBeLessThan(60);
        expect(r.rssMB).toBeLessThan(c.rssMB?.(cmd) ?? 500);
      }
    },
    600_000,
  );

  it('reads the sparse bomb in under 2 s of CPU and reports its stored bytes', async () => {
    const image = await imageOf(join(work, 'bomb'), sparseBomb(2 ** 40));
    const r = measure(['analyze', '--format', 'json', image]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.cpuSeconds).toBeLessThan(2);
    const doc = JSON.parse(r.stdout) as {
      totals: { fileBytes: number };
      waste: { totals: { layerFileBytes: number } };
    };
    expect(doc.totals.fileBytes).toBe(512);
    expect(doc.waste.totals.layerFileBytes).toBe(512);
  });
});
