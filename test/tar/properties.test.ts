/**
 * Property tests for the tar reader and writer: random trees archived by GNU tar read back equal to
 * the disk; random damage to an archive yields a StowageError or success, never another error or a
 * hang; writeTar output reads back equal through GNU tar and through readTar.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StowageError } from '../../src/model/errors.js';
import type { EntryType, LayerEntry } from '../../src/model/layer-entry.js';
import { readTarEntries } from '../../src/tar/entries.js';
import { writeTar, type TarWriteEntry } from '../../src/tar/writer.js';
import { describeWithTools } from '../helpers/tools.js';
import { applyDamages, damage } from './damage.js';
import { buildTree } from './fixtures.js';
import { chunked, GNU_KIND, gnuListing, makeTempDir, modeString, readAll } from './helpers.js';

const sha = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const component = fc
  .tuple(
    fc.array(fc.constantFrom('a', 'b', 'z', '0', '-', '_', 'é', '日', 'ü', ' '), {
      minLength: 1,
      maxLength: 10,
    }),
    fc.option(fc.integer({ min: 90, max: 140 }), { freq: 4 }),
  )
  .map(([chars, long]) => `${chars.join('')}${long === null ? '' : 'L'.repeat(long)}`)
  .filter((s) => s.trim() === s);

const MODES = [0o644, 0o755, 0o600, 0o4755, 0o2750, 0o1777, 0o444];

type Spec =
  | { kind: 'file'; dirs: string[]; name: string; mode: number; data: Uint8Array }
  | { kind: 'dir'; dirs: string[]; name: string; mode: number }
  | { kind: 'symlink'; dirs: string[]; name: string; target: string }
  | { kind: 'hardlink'; dirs: string[]; name: string; to: number };

const specArb: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom('file', 'file', 'dir', 'symlink', 'hardlink'),
  dirs: fc.array(component, { maxLength: 2 }),
  name: component,
  mode: fc.constantFrom(...MODES),
  data: fc.uint8Array({ maxLength: 3000 }),
  target: fc.array(component, { minLength: 1, maxLength: 2 }).map((c) => c.join('/')),
  to: fc.nat(),
}) as fc.Arbitrary<Spec>;

/** materialise writes the specs under root and returns nothing; clashing names are skipped. */
function materialise(root: string, specs: Spec[]): void {
  const files: string[] = [];
  for (const s of specs) {
    const dir = join(root, ...s.dirs);
    const path = join(dir, s.name);
    try {
      mkdirSync(dir, { recursive: true });
      lstatSync(path);
      continue; // exists already
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') continue; // a parent is a file or link
    }
    if (s.kind === 'file') {
      writeFileSync(path, s.data);
      chmodSync(path, s.mode);
      files.push(path);
    } else if (s.kind === 'dir') {
      mkdirSync(path);
      chmodSync(path, s.mode);
    } else if (s.kind === 'symlink') {
      symlinkSync(s.target, path);
    } else if (files.length > 0) {
      linkSync(files[s.to % files.length] as string, path);
    }
  }
}

function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, rel))) {
    const p = rel === '' ? name : `${rel}/${name}`;
    out.push(p);
    if (lstatSync(join(root, p)).isDirectory()) out.push(...walk(root, p));
  }
  return out;
}

describeWithTools('tar properties', ['tar'], () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());
  let run = 0;

  it('GNU tar archives of random trees read back equal to the disk (posix and gnu)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(specArb, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 5000 }),
        async (specs, chunk) => {
          const root = join(tmp.dir, `tree-${run++}`);
          mkdirSync(root);
          materialise(root, specs);
          const onDisk = walk(root).sort();
          for (const format of ['posix', 'gnu']) {
            const archive = `${root}.${format}.tar`;
            execFileSync('tar', ['-c', '-f', archive, `--format=${format}`, '--sort=name', '-C', root, '.']);
            const { entries, warnings } = await readAll(chunked(readFileSync(archive), [chunk]), {
              hashContents: true,
            });
            expect(warnings).toEqual([]);
            // readTarEntries takes its fast path wherever a header and its data are buffered: the
            // same entries and content hashes, whatever the chunking
            const fast: LayerEntry[] = [];
            for await (const e of readTarEntries(chunked(readFileSync(archive), [chunk]), {
              hashContents: true,
            }))
              fast.push(e);
            expect(fast).toEqual(entries);
            expect(entries[0]?.path).toBe('.');
            expect(
              entries
                .slice(1)
                .map((e) => e.path)
                .sort(),
            ).toEqual(onDisk);
            const seenInodes = new Map<number, string>();
            for (const e of entries.slice(1)) {
              const st = lstatSync(join(root, e.path));
              expect(e.mode, e.path).toBe(st.mode & 0o7777);
              if (st.isDirectory()) expect(e.type).toBe('dir');
              if (st.isSymbolicLink())
                expect([e.type, e.linkTarget]).toEqual(['symlink', readlinkSync(join(root, e.path))]);
              if (!st.isFile()) continue;
              if (e.type === 'hardlink') {
                expect(seenInodes.get(st.ino), e.path).toBe(e.linkTarget);
              } else {
                expect(e.type).toBe('file');
                expect([e.size, e.contentHash]).toEqual([st.size, sha(readFileSync(join(root, e.path)))]);
                if (st.nlink > 1) seenInodes.set(st.ino, e.path);
              }
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  describe('corruption', () => {
    let base: Buffer[] = [];
    let headerOffsets: number[][] = [];
    beforeAll(async () => {
      const root = join(tmp.dir, 'corrupt-src');
      mkdirSync(root);
      buildTree(root, { long: true, sparse: true });
      base = ['--format=posix', '--format=gnu'].map((f) => {
        const archive = join(tmp.dir, `corrupt${f.slice(9)}.tar`);
        execFileSync('tar', ['-c', '-f', archive, f, '--sparse', '--sort=name', '-C', root, '.']);
        return readFileSync(archive);
      });
      headerOffsets = await Promise.all(
        base.map(async (b) =>
          (await readAll(chunked(b, [b.length]), {}, () => false)).entries.map((e) => e.offset),
        ),
      );
    });

    it('damaged archives give StowageError or success, never another error or a hang', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(1),
          fc.array(damage, { minLength: 1, maxLength: 3 }),
          fc.integer({ min: 1, max: 9000 }),
          async (which, damages, chunk) => {
            const data = applyDamages(base[which]!, headerOffsets[which]!, damages);
            const started = Date.now();
            try {
              await readAll(chunked(data, [chunk]), { hashContents: true }, (i) =>
                i % 3 === 0 ? 'partial' : i % 3 === 1,
              );
            } catch (e) {
              if (!(e instanceof StowageError)) throw e;
            }
            try {
              for await (const e of readTarEntries(chunked(data, [chunk]), { hashContents: true })) {
                expect(e.path).toBeTypeOf('string');
              }
            } catch (e) {
              if (!(e instanceof StowageError)) throw e;
            }
            expect(Date.now() - started).toBeLessThan(5000);
          },
        ),
        { numRuns: 50 },
      );
    });
  });

  it('writeTar output reads back equal through GNU tar and readTar', async () => {
    const types: EntryType[] = ['file', 'file', 'dir', 'symlink', 'hardlink', 'fifo', 'char', 'block'];
    const entryArb = fc.record({
      parts: fc.array(component, { minLength: 1, maxLength: 3 }),
      type: fc.constantFrom(...types),
      mode: fc.integer({ min: 0, max: 0o7777 }),
      uid: fc.oneof(fc.nat(70000), fc.integer({ min: 2097152, max: 2 ** 32 - 1 })), // GNU tar: uid_t is 32-bit
      gid: fc.nat(70000),
      uname: fc.constantFrom('', 'root', 'jöhn', 'u'.repeat(40)),
      mtime: fc.oneof(fc.nat(2 ** 31), fc.integer({ min: 8 ** 11, max: 2 ** 40 })),
      target: fc.array(component, { minLength: 1, maxLength: 2 }).map((c) => c.join('/')),
      dev: fc.tuple(fc.nat(4095), fc.nat(1 << 20)),
      data: fc.uint8Array({ maxLength: 2000 }),
      xattr: fc.option(fc.uint8Array({ maxLength: 30 })),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(entryArb, { selector: (e) => e.parts.join('/'), maxLength: 8 }),
        async (raw) => {
          const entries: TarWriteEntry[] = raw.map((r) => ({
            path: r.parts.join('/'),
            type: r.type,
            mode: r.mode,
            uid: r.uid,
            gid: r.gid,
            uname: r.uname,
            mtime: r.mtime,
            ...(r.type === 'symlink' || r.type === 'hardlink' ? { linkTarget: r.target } : {}),
            ...(r.type === 'char' || r.type === 'block' ? { devMajor: r.dev[0], devMinor: r.dev[1] } : {}),
            ...(r.type === 'file' ? { body: r.data } : {}),
            ...(r.xattr === null ? {} : { xattrs: { 'user.x': Buffer.from(r.xattr) } }),
          }));
          const parts: Buffer[] = [];
          for await (const b of writeTar(entries)) parts.push(b);
          const tar = Buffer.concat(parts);
          const file = join(tmp.dir, `w-${run++}.tar`);
          writeFileSync(file, tar);

          const listed = gnuListing(file);
          expect(listed.map((l) => l.name.replace(/\/$/, ''))).toEqual(entries.map((e) => e.path));
          listed.forEach((l, i) => {
            const e = entries[i]!;
            expect([GNU_KIND[l.kind], l.mode, l.uid, l.gid]).toEqual([
              e.type,
              modeString(e.mode!),
              e.uid,
              e.gid,
            ]);
            if (e.type === 'file') expect(l.size).toBe(String((e.body as Uint8Array).length));
            if (e.linkTarget !== undefined) expect(l.link).toBe(e.linkTarget);
            if (e.devMajor !== undefined) expect(l.size).toBe(`${e.devMajor},${e.devMinor}`);
          });

          const { entries: read, warnings } = await readAll(chunked(tar, [777]), { hashContents: true });
          expect(warnings).toEqual([]);
          expect(read.map((e) => ({ ...e, offset: 0 }))).toEqual(
            entries.map((e) => ({
              path: e.path,
              rawPath: e.type === 'dir' ? `${e.path}/` : e.path,
              type: e.type,
              size: e.type === 'file' ? (e.body as Uint8Array).length : 0,
              mode: e.mode,
              uid: e.uid,
              gid: e.gid,
              mtime: e.mtime,
              offset: 0,
              ...(e.uname === '' ? {} : { uname: e.uname }),
              ...(e.linkTarget === undefined ? {} : { linkTarget: e.linkTarget }),
              ...(e.devMajor === undefined ? {} : { devMajor: e.devMajor, devMinor: e.devMinor }),
              ...(e.xattrs === undefined ? {} : { xattrs: e.xattrs }),
              ...(e.type === 'file' ? { contentHash: sha(e.body as Uint8Array) } : {}),
            })),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
