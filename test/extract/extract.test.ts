/**
 * `stowage extract`: never writes outside the target. A hostile layer written by Python's tarfile
 * (`../` names, absolute names, a symlink up and out then a file through it, an absolute symlink then
 * a file through it, a hard link named with `..`, and a symlink to /etc then a file through it)
 * leaves the target's parent and the host untouched; what lands inside follows umoci's containment
 * (a file through a symlink to /etc is refused, as umoci refuses it). On a benign image the final filesystem equals
 * what `umoci unpack` writes. A non-empty target is refused without --force.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, lstat, mkdir, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/cli-harness.js';
import { runText } from '../fixtures/run.js';
import { tempDir } from '../helpers/layout-fixtures.js';
import { describeWithTools } from '../helpers/tools.js';
import { expectSchemaValid } from '../commands/schema-validate.js';
import { type Layout, pythonTar, tarOf, writeLayout } from './layer-images.js';

let work: string;
let hostile: Layout;
let benign: Layout;
const tag = randomBytes(4).toString('hex');

/** listing describes every path below `dir` (type, size, link target), sorted. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const name of await readdir(d)) {
      const p = join(d, name);
      const st = await lstat(p);
      const rel = relative(dir, p);
      if (st.isSymbolicLink()) out.push(`${rel} -> ${await readlink(p)}`);
      else if (st.isDirectory()) {
        out.push(`${rel}/ ${(st.mode & 0o7777).toString(8)}`);
        await walk(p);
      } else
        out.push(
          `${rel} ${st.size} ${(st.mode & 0o7777).toString(8)} ${(await readFile(p)).toString('hex').slice(0, 64)}`,
        );
    }
  };
  await walk(dir);
  return out.sort();
}

describeWithTools('stowage extract', ['tar', 'gzip', 'python3'], () => {
  beforeAll(async () => {
    work = await tempDir('stowage-extract-');
    const escape = pythonTar([
      { name: 'safe', type: 'dir' },
      { name: `../evil-${tag}`, type: 'file', content: 'dotdot\n' },
      { name: `/abs-evil-${tag}`, type: 'file', content: 'absolute\n' },
      { name: `safe/../../evil2-${tag}`, type: 'file', content: 'deep dotdot\n' },
      { name: 'up', type: 'symlink', target: '../../../..' },
      { name: `up/through-up-${tag}`, type: 'file', content: 'through a relative link\n' },
      { name: 'abs', type: 'symlink', target: '/tmp' },
      { name: `abs/through-abs-${tag}`, type: 'file', content: 'through an absolute link\n' },
      { name: 'hl', type: 'hardlink', target: `../../evil-${tag}` },
    ]);
    const etc = pythonTar([
      { name: 'etc', type: 'symlink', target: '/etc' },
      { name: `etc/stowage-pwned-${tag}`, type: 'file', content: 'pwned\n' },
    ]);
    hostile = await writeLayout(join(work, 'hostile'), [escape, etc]);
    const base = await tarOf(work, async (d) => {
      await mkdir(join(d, 'etc'));
      await mkdir(join(d, 'usr/bin'), { recursive: true });
      await writeFile(join(d, 'etc/config'), 'one\n');
      await writeFile(join(d, 'usr/bin/tool'), 'tool\n', { mode: 0o755 });
      await writeFile(join(d, 'usr/bin/old'), 'old\n');
    });
    const top = await tarOf(work, async (d) => {
      await mkdir(join(d, 'etc'));
      await mkdir(join(d, 'usr/bin'), { recursive: true });
      await writeFile(join(d, 'etc/config'), 'two\n');
      await writeFile(join(d, 'usr/bin/.wh.old'), '');
      await writeFile(join(d, 'usr/bin/new'), randomBytes(1000));
      await link(join(d, 'usr/bin/new'), join(d, 'usr/bin/new-link'));
    });
    benign = await writeLayout(join(work, 'benign'), [base, top]);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  describe('a hostile layer', () => {
    const outside = () => [
      `/etc/stowage-pwned-${tag}`,
      `/tmp/through-abs-${tag}`,
      `/through-up-${tag}`,
      join(work, `evil-${tag}`),
      join(work, `abs-evil-${tag}`),
    ];

    it('writes nothing outside DIR (the final filesystem)', async () => {
      const parent = join(work, 'parent');
      await mkdir(parent);
      await writeFile(join(parent, 'sibling'), 'keep\n');
      const before = await listing(work);
      const out = join(parent, 'out');
      const r = await run(['extract', hostile.ref, '--to', out]);
      expect(r.code).toBe(0);
      const after = (await listing(work)).filter((l) => !l.startsWith('parent/out'));
      expect(after).toEqual(before);
      for (const p of outside()) expect(existsSync(p), p).toBe(false);
      // as umoci places them: `up` and `abs` stay links, what was stored through them lands where
      // they point inside the root; `etc` (a link to /etc only in the next layer) is a directory
      expect((await listing(out)).map((l) => l.split(' ')[0])).toEqual([
        'abs',
        `abs-evil-${tag}`,
        'etc/',
        `etc/stowage-pwned-${tag}`,
        `evil-${tag}`,
        `evil2-${tag}`,
        'hl',
        'safe/',
        `through-up-${tag}`,
        'tmp/',
        `tmp/through-abs-${tag}`,
        'up',
      ]);
    });

    it('refuses a file through a symlink to /etc as umoci does (a loop once DIR is `/`)', async () => {
      const out = join(work, 'loop');
      const r = await run(['extract', hostile.ref, '--to', out, '--layer', '1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/too many levels of symbolic links .*path etc\/stowage-pwned-/);
      expect(await listing(out)).toEqual(['etc -> /etc']);
      for (const p of outside()) expect(existsSync(p), p).toBe(false);
    });

    it('keeps every name inside DIR (layer 0 as stored)', async () => {
      const out = join(work, 'layer0');
      const r = await run(['extract', hostile.ref, '--to', out, '--layer', '0', '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      await expectSchemaValid('extract', JSON.parse(r.stdout) as { schema: string });
      expect(await readFile(join(out, `evil-${tag}`), 'utf8')).toBe('dotdot\n');
      expect(await readFile(join(out, `abs-evil-${tag}`), 'utf8')).toBe('absolute\n');
      expect(await readFile(join(out, `evil2-${tag}`), 'utf8')).toBe('deep dotdot\n');
      // the links stay as stored; what went through them landed where they point with DIR as `/`
      expect(await readlink(join(out, 'up'))).toBe('../../../..');
      expect(await readFile(join(out, `through-up-${tag}`), 'utf8')).toBe('through a relative link\n');
      expect(await readFile(join(out, `tmp/through-abs-${tag}`), 'utf8')).toBe('through an absolute link\n');
      expect((await lstat(join(out, 'hl'))).ino).toBe((await lstat(join(out, `evil-${tag}`))).ino);
      for (const p of outside()) expect(existsSync(p), p).toBe(false);
    });
  });

  describeWithTools('the final filesystem', ['umoci'], () => {
    it('equals umoci unpack’s rootfs', async () => {
      const bundle = join(work, 'bundle');
      await runText('umoci', ['unpack', '--rootless', '--image', `${join(work, 'benign')}:latest`, bundle]);
      const out = join(work, 'final');
      const r = await run(['extract', benign.ref, '--to', out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('3 files');
      const ours = await listing(out);
      expect(ours).toContain('usr/bin/tool 5 755 746f6f6c0a');
      expect(ours).toEqual(await listing(join(bundle, 'rootfs')));
    });

    it('extracts only the PATHs given', async () => {
      const out = join(work, 'some');
      const r = await run(['extract', benign.ref, '--to', out, 'etc']);
      expect(r.code).toBe(0);
      expect(await listing(out)).toEqual(['etc/ 755', 'etc/config 4 644 74776f0a']);
    });
  });

  it('refuses a non-empty DIR without --force, and keeps what was there with it', async () => {
    const out = join(work, 'busy');
    await mkdir(out);
    await writeFile(join(out, 'mine'), 'mine\n');
    const r = await run(['extract', benign.ref, '--to', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the extraction target is not empty');
    expect(await readdir(out)).toEqual(['mine']);
    const forced = await run(['extract', benign.ref, '--to', out, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(out, 'mine'), 'utf8')).toBe('mine\n');
    expect(await readFile(join(out, 'etc/config'), 'utf8')).toBe('two\n');
  });
});
