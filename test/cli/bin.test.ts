/**
 * The built executable (dist/cli/main.js, made by `npm run build`, which `npm test` runs first):
 * real process exit codes, stdout/stderr separation, and the same JSON as the in-process run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, writeSample } from './cli-harness.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
let dir: string;
let tar: string;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first`);
  dir = await mkdtemp(join(tmpdir(), 'stowage-bin-'));
  tar = await writeSample(dir);
});
afterAll(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

function bin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
}

describe('stowage executable', () => {
  it('prints the same JSON as the library-level run and exits 0', async () => {
    const p = bin(['inspect', '--format', 'json', `docker-archive:${tar}`]);
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toBe((await run(['inspect', '--format', 'json', `docker-archive:${tar}`])).stdout);
  });

  it('exits 2 on a missing file with one error line and no stack', () => {
    const p = bin(['inspect', join(dir, 'missing.tar')]);
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr).toMatch(/^stowage: error: .*missing\.tar/);
    expect(p.stderr).not.toMatch(/^\s+at /m);
  });
});
