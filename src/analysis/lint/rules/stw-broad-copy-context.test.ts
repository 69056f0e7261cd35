import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintLines } from '../../../../test/helpers/lint-lines.js';
import { broadCopyContextRule as rule } from './stw-broad-copy-context.js';
import { loadBuildContext } from './stw-lib/build-context.js';

describe('STW003 broad COPY without a .dockerignore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'stw003-'));
    await mkdir(path.join(dir, '.git'));
    await mkdir(path.join(dir, 'node_modules'));
    await writeFile(path.join(dir, '.env'), 'TOKEN=x\n');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));
  const df = 'FROM node\nCOPY . .\nCOPY src/ /app/src/\nRUN true\n';

  it('catches a broad COPY with no ignore file', async () => {
    expect(await lintLines(rule, df, await loadBuildContext(dir))).toEqual([2]);
  });
  it('catches an ignore file that lets node_modules in (re-included by !)', async () => {
    await writeFile(path.join(dir, '.dockerignore'), '.git\n.env\nnode_modules\n!node_modules\n');
    expect(await lintLines(rule, df, await loadBuildContext(dir))).toEqual([2]);
  });
  it('accepts an ignore file excluding all three, and <Dockerfile>.dockerignore wins', async () => {
    await writeFile(path.join(dir, '.dockerignore'), '.git\n**/node_modules\n.env\n');
    expect(await lintLines(rule, df, await loadBuildContext(dir))).toEqual([]);
    const dockerfile = path.join(dir, 'build.Dockerfile');
    await writeFile(`${dockerfile}.dockerignore`, '.git\n');
    expect(await lintLines(rule, df, await loadBuildContext(dir, dockerfile))).toEqual([2]);
  });
  it('does not run without a context, and ignores narrow copies', async () => {
    expect(await lintLines(rule, df)).toEqual([]);
    expect(await lintLines(rule, 'FROM node\nCOPY src/ .\n', await loadBuildContext(dir))).toEqual([]);
  });
  it('reports a missing context directory', async () => {
    await expect(loadBuildContext(path.join(dir, 'nope'))).rejects.toThrow(
      /build context directory not found/,
    );
  });
});
