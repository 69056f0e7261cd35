import { describe, expect, it } from 'vitest';
import { dir, file, hardlink, opaque, stackEntries, symlink, whiteout } from '../../test/filetree/entries.js';

const paths = (s: { path: string }[]) => s.map((c) => c.path);
const visible = async (layers: Parameters<typeof stackEntries>) =>
  [...(await stackEntries(...layers)).tree.walk()].map((n) => n.path);

describe('stackLayers', () => {
  it('builds implicit parents and records provenance', async () => {
    const s = await stackEntries([file('a/b/c.txt', 'x')], [file('d.txt', 'yy')]);
    expect([...s.tree.walk()].map((n) => [n.path, n.type, n.layer, n.implicit])).toEqual([
      ['a', 'dir', 0, true],
      ['a/b', 'dir', 0, true],
      ['a/b/c.txt', 'file', 0, false],
      ['d.txt', 'file', 1, false],
    ]);
    expect(s.changeSet(0).added.map((c) => c.path)).toEqual(['a', 'a/b', 'a/b/c.txt']);
    expect(s.changeSet(1).addedBytes).toBe(2);
  });

  it('applies an opaque marker wherever it sits among the layer entries', async () => {
    const lower = [dir('d'), file('d/old', 'old'), dir('d/sub'), file('d/sub/x', 'x'), file('keep', 'k')];
    const before = [opaque('d'), file('d/new', 'new')];
    const after = [file('d/new', 'new'), opaque('d')];
    for (const upper of [before, after]) {
      const s = await stackEntries(lower, upper);
      expect([...s.tree.walk()].map((n) => n.path)).toEqual(['d', 'd/new', 'keep']);
      const cs = s.changeSet(1);
      expect(cs.deleted.map((c) => [c.path, c.kind])).toEqual([
        ['d/old', 'hidden'],
        ['d/sub', 'hidden'],
        ['d/sub/x', 'hidden'],
      ]);
      expect(cs.deletedBytes).toBe(4);
      expect(paths(cs.added)).toEqual(['d/new']);
      expect(s.tree.get('d')?.layer).toBe(0);
    }
  });

  it('whites out a directory with everything below it, listing each path', async () => {
    const s = await stackEntries(
      [
        dir('etc'),
        dir('etc/app'),
        file('etc/app/a.conf', 'aaaa'),
        dir('etc/app/d'),
        file('etc/app/d/b', 'bb'),
        file('etc/x', '1'),
      ],
      [whiteout('etc/app')],
    );
    expect(
      await visible([[dir('etc'), dir('etc/app'), file('etc/app/a', '1')], [whiteout('etc/app')]]),
    ).toEqual(['etc']);
    expect([...s.tree.walk()].map((n) => n.path)).toEqual(['etc', 'etc/x']);
    const cs = s.changeSet(1);
    expect(cs.deleted.map((c) => [c.path, c.kind, c.size])).toEqual([
      ['etc/app', 'deleted', 0],
      ['etc/app/a.conf', 'deleted', 4],
      ['etc/app/d', 'deleted', 0],
      ['etc/app/d/b', 'deleted', 2],
    ]);
    expect(cs.deletedBytes).toBe(6);
    expect(s.tree.has('etc/app/a.conf')).toBe(false);
  });

  it('lets a later entry in one layer replace an earlier one', async () => {
    const s = await stackEntries([file('f', 'first'), file('f', 'second!', { mode: 0o600 })]);
    expect(s.tree.get('f')).toMatchObject({ size: 7, mode: 0o600, layer: 0 });
    expect(s.changeSet(0).added).toHaveLength(1);
    const versions = [...s.fileVersions()];
    expect(versions.map((v) => [v.size, v.live, v.reason, v.killedBy])).toEqual([
      [5, false, 'overwritten', 0],
      [7, true, undefined, undefined],
    ]);
  });

  it('classifies a chmod-only copy as a metadata change and names the fields', async () => {
    const s = await stackEntries(
      [file('bin/tool', 'binary', { mode: 0o644 })],
      [file('bin/tool', 'binary', { mode: 0o755, uid: 1000 })],
    );
    const [m] = s.changeSet(1).modified;
    expect(m).toMatchObject({
      path: 'bin/tool',
      modification: 'metadata',
      fields: ['mode', 'uid'],
      previousLayer: 0,
      size: 6,
    });
    expect([...s.fileVersions()].filter((v) => !v.live).map((v) => v.reason)).toEqual(['metadata-only']);
  });

  it('classifies a content change and a symlink retarget', async () => {
    const s = await stackEntries([file('f', 'a'), symlink('l', 'f')], [file('f', 'b'), symlink('l', 'g')]);
    const cs = s.changeSet(1);
    expect(cs.modified.map((c) => [c.path, c.modification, c.fields])).toEqual([
      ['f', 'content', undefined],
      ['l', 'metadata', ['linkTarget']],
    ]);
  });

  it('gives a hard link its target content, in the same layer or from below', async () => {
    const s = await stackEntries(
      [file('usr/bin/a', 'payload'), hardlink('usr/bin/b', 'usr/bin/a')],
      [hardlink('usr/bin/c', 'usr/bin/a'), file('usr/bin/a', 'new')],
    );
    const b = s.tree.get('usr/bin/b');
    expect(b).toMatchObject({ type: 'hardlink', size: 7, linkTarget: 'usr/bin/a' });
    expect(b?.contentHash).toBe(s.tree.get('usr/bin/c')?.contentHash);
    // the original bytes stay visible through the links: not wasted even though a was overwritten
    const old = [...s.fileVersions()].find((v) => v.layer === 0);
    expect(old).toMatchObject({ live: true });
    expect(s.tree.stats().fileBytes).toBe(7 + 3);
  });

  it('warns about a hard link without a target', async () => {
    const s = await stackEntries([hardlink('x', 'nowhere')]);
    expect(s.warnings).toHaveLength(1);
    expect(s.tree.get('x')?.size).toBe(0);
  });

  it('records overwrite, delete and re-add in the path history', async () => {
    const s = await stackEntries(
      [file('app/cfg', 'v1')],
      [file('app/cfg', 'v22')],
      [whiteout('app/cfg')],
      [file('app/cfg', 'v4444')],
      [opaque('app')],
    );
    expect(s.pathHistory('app/cfg').map((e) => [e.layer, e.kind, e.modification, e.size])).toEqual([
      [0, 'added', undefined, 2],
      [1, 'modified', 'content', 3],
      [2, 'deleted', undefined, 3],
      [3, 'added', undefined, 5],
      [4, 'hidden', undefined, 5],
    ]);
    expect(s.pathHistory('/app').map((e) => e.kind)).toEqual(['added']);
    expect(s.tree.has('app')).toBe(true);
    expect([...s.fileVersions()].map((v) => [v.layer, v.reason, v.killedBy])).toEqual([
      [0, 'overwritten', 1],
      [1, 'deleted', 2],
      [3, 'hidden', 4],
    ]);
  });

  it('applies a whiteout only to lower layers, keeping what its own layer adds', async () => {
    const s = await stackEntries([file('f', 'old')], [file('f', 'new'), whiteout('f')]);
    expect(s.tree.get('f')?.size).toBe(3);
    expect(s.changeSet(1).modified.map((c) => c.modification)).toEqual(['content']);
  });

  it('replaces a directory by a file, deleting what was below', async () => {
    const s = await stackEntries([dir('x'), file('x/y', 'yy')], [file('x', 'now a file')]);
    expect([...s.tree.walk()].map((n) => [n.path, n.type])).toEqual([['x', 'file']]);
    expect(s.changeSet(1).deleted.map((c) => c.path)).toEqual(['x/y']);
  });
});

describe('stackLayers through parent symlinks', () => {
  it('places an entry below a symlinked directory in the link target, keeping the link (merged /usr)', async () => {
    const s = await stackEntries(
      [dir('usr'), dir('usr/lib'), file('usr/lib/libc.so.6', 'c'), symlink('lib', 'usr/lib')],
      [file('lib/libbar.so', 'bar'), whiteout('lib/libc.so.6')],
    );
    expect([...s.tree.walk()].map((n) => [n.path, n.type, n.layer])).toEqual([
      ['lib', 'symlink', 0],
      ['usr', 'dir', 0],
      ['usr/lib', 'dir', 0],
      ['usr/lib/libbar.so', 'file', 1],
    ]);
    expect(paths(s.changeSet(1).deleted)).toEqual(['usr/lib/libc.so.6']);
  });

  it('resolves absolute and `..` targets inside the root and stops at a loop', async () => {
    const warnings: string[] = [];
    const s = await stackEntries(
      [
        dir('real'),
        symlink('abs', '/real'),
        symlink('up', '../../../real'),
        symlink('a', 'b'),
        symlink('b', 'a'),
      ],
      [file('abs/x', '1'), file('up/y', '2'), file('a/z', '3')],
    );
    warnings.push(...s.warnings);
    expect(s.tree.has('real/x')).toBe(true);
    expect(s.tree.has('real/y')).toBe(true);
    expect(warnings.join('\n')).toMatch(/a\/z is reached through more than 255 symbolic links/);
  });
});
