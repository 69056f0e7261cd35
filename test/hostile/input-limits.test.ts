/**
 * Documents that would exhaust the stack or memory: a config nested a million arrays deep (read
 * commands and `optimize` end in exit 2 naming the limit, not a stack overflow), the limit raised
 * by flag or variable, a config over the size limit, a history of 250,000 entries that text
 * `inspect` prints and 250,000 variables that `diff` compares without overflowing the stack.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/cli-harness.js';
import { removeDir, tempDir } from '../helpers/layout-fixtures.js';
import { writeLayoutImage } from './hostile-image.js';

let dir: string;
const layer = [{ path: 'etc/motd', type: 'file' as const, mode: 0o644, body: Buffer.from('hi\n') }];

beforeAll(async () => {
  dir = await tempDir('stowage-limits-');
});
afterAll(() => removeDir(dir));

function configWith(extra: string): (diffIds: string[]) => string {
  return (diffIds) =>
    `{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":${JSON.stringify(diffIds)}},${extra}}`;
}

describe('a config nested a million arrays deep', () => {
  let image: string;
  beforeAll(async () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    image = await writeLayoutImage(join(dir, 'deep'), 'v1', {
      layers: [layer],
      configText: configWith(`"config":{"Labels":{}},"x-deep":${deep}`),
    });
  });

  for (const argv of [['inspect'], ['analyze'], ['audit'], ['optimize', '--squash', '--to', 'oci:OUT']]) {
    it(`${argv[0]}: exit 2 naming the depth limit`, async () => {
      const args = argv.map((a) => (a === 'oci:OUT' ? `oci:${join(dir, 'deep-out')}` : a));
      const r = await run([...args, image]);
      expect(r.stderr).toMatch(/^stowage: error: (image )?config .*nests arrays and objects 1000001 deep/m);
      expect(r.stderr).toMatch(
        /^stowage: hint: the limit is 1000; .*--max-json-depth N or STOWAGE_MAX_JSON_DEPTH=N$/m,
      );
      expect(r.code).toBe(2);
    });
  }

  it('a raised limit lets a moderately deep config through (flag and variable)', async () => {
    const deep = '['.repeat(1500) + ']'.repeat(1500);
    const img = await writeLayoutImage(join(dir, 'deep1500'), 'v1', {
      layers: [layer],
      configText: configWith(`"x-deep":${deep}`),
    });
    expect((await run(['inspect', img])).code).toBe(2);
    expect((await run(['inspect', '--max-json-depth', '2000', img])).code).toBe(0);
    expect((await run(['inspect', img], { env: { STOWAGE_MAX_JSON_DEPTH: '2000' } })).code).toBe(0);
    const bad = await run(['inspect', '--max-json-depth', 'lots', img]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-json-depth lots is not a positive number/);
  });
});

describe('sizes', () => {
  it('a config over the size limit is refused with the flag that raises it', async () => {
    const img = await writeLayoutImage(join(dir, 'big-config'), 'v1', {
      layers: [layer],
      config: { config: { Labels: { big: 'x'.repeat(300_000) } } },
    });
    const r = await run(['inspect', '--max-config-size', '256K', img]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/config sha256:[0-9a-f]+ claims \d+ bytes, over 262144/);
    expect(r.stderr).toMatch(/--max-config-size N or STOWAGE_MAX_CONFIG_SIZE=N/);
    expect((await run(['inspect', img])).code).toBe(0);
  });
});

describe('250,000 history entries, 250,000 variables', () => {
  it('text inspect prints every history step', async () => {
    const history = Array.from({ length: 250_000 }, (_, i) => ({
      created_by: `RUN s${i}`,
      empty_layer: true,
    }));
    history.push({ created_by: 'COPY motd', empty_layer: false });
    const image = await writeLayoutImage(join(dir, 'history'), 'v1', {
      layers: [layer],
      config: { history },
    });
    const r = await run(['inspect', image]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('RUN s249999');
  });

  it('diff against a small image lists every variable added', async () => {
    const Env = Array.from({ length: 250_000 }, (_, i) => `V${i}=${i}`);
    const image = await writeLayoutImage(join(dir, 'env'), 'v1', {
      layers: [layer],
      config: { config: { Env } },
    });
    const small = await writeLayoutImage(join(dir, 'small'), 'v1', { layers: [layer] });
    const r = await run(['diff', '--format', 'json', small, image]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('V249999');
  });
});
