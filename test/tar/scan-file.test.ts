/**
 * scanTarFile against readTar: on archives GNU tar writes in every format (long names, PAX, every
 * sparse encoding, base-256 numbers), with and without record padding, and on damaged or cut copies,
 * the seeking scanner finds the same entries, data offsets, warnings and errors as the streaming
 * reader, which the other tar tests check against GNU tar and Python's tarfile.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../helpers/tools.js';
import { applyDamages, damage } from './damage.js';
import { buildTree, GNU_VARIANTS } from './fixtures.js';
import { makeTempDir, seekedIndex, streamedIndex } from './helpers.js';

describeWithTools('scanTarFile finds what readTar finds', ['tar', 'mknod', 'mkfifo', 'truncate'], () => {
  const tmp = makeTempDir('stowage-scan-');
  const archives = new Map<string, string>();

  beforeAll(() => {
    for (const v of GNU_VARIANTS) {
      const root = join(tmp.dir, `tree-${v.name}`);
      mkdirSync(root);
      buildTree(root, v);
      for (const blocking of ['20', '1']) {
        const archive = join(tmp.dir, `${v.name}-b${blocking}.tar`);
        execFileSync('tar', ['-c', '-b', blocking, '-f', archive, '--sort=name', ...v.args, '-C', root, '.']);
        archives.set(`${v.name}-b${blocking}`, archive);
      }
    }
  });
  afterAll(() => tmp.cleanup());

  for (const v of GNU_VARIANTS) {
    it(`${v.name}: same entries, data offsets and warnings, with and without record padding`, async () => {
      for (const blocking of ['20', '1']) {
        const archive = archives.get(`${v.name}-b${blocking}`)!;
        const streamed = await streamedIndex(archive);
        expect(streamed.error).toBeUndefined();
        expect(streamed.warnings).toEqual([]);
        expect(streamed.entries.length).toBeGreaterThan(15);
        if (v.sparse) expect(streamed.entries.filter((e) => e.path.startsWith('sparse-'))).toHaveLength(2);
        expect(await seekedIndex(archive)).toEqual(streamed);
      }
    });
  }

  it('archives without end blocks, with one end block, or with data after them warn alike', async () => {
    const data = readFileSync(archives.get('gnu-b1')!);
    const cases = {
      'no-end': data.subarray(0, data.length - 1024),
      'one-end': data.subarray(0, data.length - 512),
      trailer: Buffer.concat([data, Buffer.from('junk')]),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const file = join(tmp.dir, `${name}.tar`);
      writeFileSync(file, bytes);
      const streamed = await streamedIndex(file);
      expect(streamed.warnings, name).toHaveLength(1);
      expect(await seekedIndex(file), name).toEqual(streamed);
    }
  });

  it('damaged and cut archives fail (or not) alike, with the same error, file and byte offset', async () => {
    const sources = ['gnu-b20', 'posix-sparse-1.0-b1', 'oldgnu-b1'].map((k) =>
      readFileSync(archives.get(k)!),
    );
    const headers = await Promise.all(
      ['gnu-b20', 'posix-sparse-1.0-b1', 'oldgnu-b1'].map(async (k) =>
        (await streamedIndex(archives.get(k)!)).entries.map((e) => e.offset),
      ),
    );
    let run = 0;
    let failed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(sources.length - 1),
        fc.array(damage, { minLength: 1, maxLength: 3 }),
        async (which, damages) => {
          const data = applyDamages(sources[which]!, headers[which]!, damages);
          const file = join(tmp.dir, `damaged-${run++}.tar`);
          writeFileSync(file, data);
          const streamed = await streamedIndex(file);
          if (streamed.error !== undefined) {
            failed++;
            expect(streamed.error.message).toContain(file);
          }
          expect(await seekedIndex(file)).toEqual(streamed);
        },
      ),
      { numRuns: 150 },
    );
    expect(failed).toBeGreaterThan(10);
  });
});
