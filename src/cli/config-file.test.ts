/**
 * Unit tests for loadProjectConfig: finding stowage.yaml / stowage.yml, an explicit --config path,
 * and errors that name the file and the line.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StowageError } from '../model/errors.js';
import { loadProjectConfig } from './config-file.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<StowageError> {
  const e: unknown = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(StowageError);
  return e as StowageError;
}

describe('loadProjectConfig', () => {
  it('returns an empty mapping and no file when the directory has none', async () => {
    expect(await loadProjectConfig({ cwd: dir })).toEqual({ data: {} });
  });

  it('finds stowage.yaml, or stowage.yml, in the working directory', async () => {
    await writeFile(join(dir, 'stowage.yml'), 'lint:\n  ignored: [DL3008]\n');
    expect(await loadProjectConfig({ cwd: dir })).toEqual({
      file: join(dir, 'stowage.yml'),
      data: { lint: { ignored: ['DL3008'] } },
    });
    await rm(join(dir, 'stowage.yml'));
    await writeFile(join(dir, 'stowage.yaml'), 'audit: {failOn: warning}\n');
    expect(await loadProjectConfig({ cwd: dir })).toEqual({
      file: join(dir, 'stowage.yaml'),
      data: { audit: { failOn: 'warning' } },
    });
  });

  it('refuses to choose between stowage.yaml and stowage.yml', async () => {
    await writeFile(join(dir, 'stowage.yaml'), 'a: 1\n');
    await writeFile(join(dir, 'stowage.yml'), 'a: 2\n');
    const e = await failure(loadProjectConfig({ cwd: dir }));
    expect(e.code).toBe('USAGE');
    expect(e.message).toMatch(/both stowage\.yaml and stowage\.yml/);
    // an explicit path settles it
    expect((await loadProjectConfig({ cwd: dir, configPath: 'stowage.yml' })).data).toEqual({ a: 2 });
  });

  it('reads an explicit path relative to cwd, and fails when it is missing', async () => {
    await mkdir(join(dir, 'ci'));
    await writeFile(join(dir, 'ci', 'my.yaml'), 'check:\n  maxLayers: 9\n');
    await writeFile(join(dir, 'stowage.yaml'), 'ignored: true\n');
    expect(await loadProjectConfig({ cwd: dir, configPath: 'ci/my.yaml' })).toEqual({
      file: join(dir, 'ci', 'my.yaml'),
      data: { check: { maxLayers: 9 } },
    });
    const missing = await failure(loadProjectConfig({ cwd: dir, configPath: 'absent.yaml' }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.where.file).toBe(join(dir, 'absent.yaml'));
    expect(missing.hint).toMatch(/--config/);
    const isDir = await failure(loadProjectConfig({ cwd: dir, configPath: 'ci' }));
    expect(isDir.code).toBe('USAGE');
  });

  it('treats an empty or comment-only file as an empty mapping', async () => {
    await writeFile(join(dir, 'stowage.yaml'), '# nothing yet\n');
    expect((await loadProjectConfig({ cwd: dir })).data).toEqual({});
  });

  it('names the file and the line of a YAML error', async () => {
    const file = join(dir, 'stowage.yaml');
    const cases: [string, number, RegExp][] = [
      ['lint:\n  ignored: [DL3008\naudit: {}\n', 3, /flow sequence|\]/i],
      ['lint:\n  ignored: []\n  ignored: [DL3009]\n', 3, /unique/i],
      ['audit:\n  failOn: "error\n', 3, /quote/i],
    ];
    for (const [text, line, what] of cases) {
      await writeFile(file, text);
      const e = await failure(loadProjectConfig({ cwd: dir }));
      expect(e.code).toBe('USAGE');
      expect(e.where.file).toBe(file);
      expect(e.detail).toMatch(new RegExp(`not valid YAML at line ${line}, column \\d+: `));
      expect(e.detail).toMatch(what);
      expect(e.message).toContain(file);
    }
  });

  it('rejects a top level that is not a mapping, naming its line', async () => {
    const file = join(dir, 'stowage.yaml');
    await writeFile(file, '# settings\n\n- lint\n- audit\n');
    const e = await failure(loadProjectConfig({ cwd: dir }));
    expect(e.code).toBe('USAGE');
    expect(e.detail).toMatch(/must be a mapping \(line 3 starts a list\)/);
    expect(e.where.file).toBe(file);
  });
});
