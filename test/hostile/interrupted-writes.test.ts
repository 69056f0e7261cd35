/**
 * Temporary files on every exit path, with the built executable: SIGINT while `optimize` writes
 * its archive and SIGTERM while it spools a layer leave nothing of stowage's in the temporary
 * directory or beside the destination (exit 130 and 143); after a `kill -9` the leftovers are
 * removed by the next run.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../helpers/layout-fixtures.js';
import { writeLayoutImage } from './hostile-image.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
let dir: string;
let src: string;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first`);
  dir = await tempDir('stowage-interrupt-');
  const big = randomBytes(64 << 20);
  src = await writeLayoutImage(join(dir, 'src'), 'v1', {
    layers: [
      [{ path: 'big.bin', type: 'file', mode: 0o644, body: big }],
      [{ path: 'small.txt', type: 'file', mode: 0o644, body: Buffer.from('x') }],
    ],
  });
});
afterAll(() => removeDir(dir));

/** filesUnder lists every file below `root` with its size. */
async function filesUnder(root: string): Promise<{ name: string; size: number }[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile());
  return Promise.all(
    files.map(async (e) => {
      const name = join(e.parentPath, e.name);
      return { name, size: (await stat(name).catch(() => ({ size: 0 }))).size };
    }),
  );
}

interface Started {
  tmp: string;
  out: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

async function startOptimize(tmp?: string): Promise<Started> {
  const t = tmp ?? (await mkdtemp(join(dir, 'tmp-')));
  const out = await mkdtemp(join(dir, 'out-'));
  const child = spawn(
    process.execPath,
    [BIN, 'optimize', '--squash', src, '--to', `oci-archive:${join(out, 'o.tar')}`],
    { env: { ...process.env, TMPDIR: t }, stdio: 'ignore' },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { tmp: t, out, exited, kill: (s) => child.kill(s) };
}

/** until polls `cond` every 10 ms for up to 30 s. */
async function until(cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('the condition never came true');
    await sleep(10);
  }
}

const spooling = (tmp: string) => async () => (await filesUnder(tmp)).some((f) => f.size > 0);
const writingArchive = (out: string) => async () =>
  (await filesUnder(out)).some((f) => f.name.includes('.tmp-') && f.size > 0);

describe('an interrupted optimize', () => {
  const signalled: [NodeJS.Signals, string, (p: Started) => () => Promise<boolean>, number][] = [
    ['SIGINT', 'the archive is written', (p) => writingArchive(p.out), 130],
    ['SIGTERM', 'a layer is spooled', (p) => spooling(p.tmp), 143],
  ];
  for (const [signal, phase, busy, code] of signalled) {
    it(`${signal} while ${phase}: exit ${code}, no spool, no partial archive`, async () => {
      const p = await startOptimize();
      await until(busy(p));
      p.kill(signal);
      expect(await p.exited).toEqual({ code, signal: null });
      expect(await readdir(p.tmp)).toEqual([]);
      expect(await readdir(p.out)).toEqual([]);
    }, 60_000);
  }

  it('kill -9 leaves a spool that the next run removes', async () => {
    const p = await startOptimize();
    await until(spooling(p.tmp));
    p.kill('SIGKILL');
    expect((await p.exited).signal).toBe('SIGKILL');
    expect((await readdir(p.tmp)).length).toBe(1);
    const next = await startOptimize(p.tmp);
    expect((await next.exited).code).toBe(0);
    expect(await readdir(p.tmp)).toEqual([]);
    expect(await readdir(next.out)).toEqual(['o.tar']);
  }, 90_000);
});
