/**
 * Five realistic Dockerfiles (node, python, go, java multi-stage, apt-heavy) written for these
 * tests, each with every finding it must produce (rule id and line), compared as exact sets.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../src/analysis/lint/engine.js';
import { loadBuildContext } from '../../src/analysis/lint/rules/stw-lib/build-context.js';
import type { BuildContextInfo } from '../../src/analysis/lint/types.js';

const DIR = path.join(import.meta.dirname, 'realistic');

/** EXPECTED lists `RULE:line` for each file; order does not matter, duplicates do. */
const EXPECTED: Record<string, string[]> = {
  'node.Dockerfile': ['STW002:3', 'STW001:5', 'STW008:6', 'DL3059:8', 'STW010:10', 'STW004:21'],
  'python.Dockerfile': [
    'STW002:4',
    'DL3008:5',
    'DL3009:5',
    'DL3015:5',
    'STW005:5',
    'STW008:5',
    'STW007:7',
    'STW001:8',
    'DL3042:9',
    'STW008:9',
    'DL3059:10',
    'DL3059:11',
    'STW009:11',
  ],
  'go.Dockerfile': [],
  'java.Dockerfile': ['STW008:4', 'STW008:8', 'STW010:10', 'STW011:14', 'STW004:17'],
  'apt-heavy.Dockerfile': [
    'DL3009:2',
    'DL3008:3',
    'DL3015:3',
    'DL3059:3',
    'STW008:3',
    'DL3008:4',
    'DL3015:4',
    'DL3059:4',
    'STW005:4',
    'STW008:4',
    'STW011:7',
    'DL3059:9',
    'STW006:9',
    'DL3013:12',
    'DL3042:12',
    'DL3059:12',
    'STW008:12',
  ],
};

async function findings(file: string, buildContext?: BuildContextInfo): Promise<string[]> {
  const text = await readFile(path.join(DIR, file), 'utf8');
  const result = await lintDockerfile(text, { file, ...(buildContext !== undefined && { buildContext }) });
  return result.findings.map((f) => `${f.ruleId}:${f.line}`).sort();
}

describe('realistic Dockerfiles', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} has exactly the expected findings`, async () => {
      expect(await findings(file)).toEqual([...expected].sort());
    });
  }

  it('node.Dockerfile with a context holding .git and no .dockerignore adds STW003 at the COPY .', async () => {
    const ctx = await mkdtemp(path.join(os.tmpdir(), 'stw-realistic-'));
    try {
      await mkdir(path.join(ctx, '.git'));
      const expected = [...EXPECTED['node.Dockerfile']!, 'STW003:5'].sort();
      expect(await findings('node.Dockerfile', await loadBuildContext(ctx))).toEqual(expected);
    } finally {
      await rm(ctx, { recursive: true, force: true });
    }
  });
});
