/**
 * readTar against archives written by Python's tarfile: PAX with binary and multi-line values,
 * global headers, large ids, fractional and negative times, non-ASCII owner names; GNU format with
 * long names/links and base-256 numbers. Python's own reading is the oracle.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../helpers/tools.js';
import { chunked, expectMatchesPython, makeTempDir, python, pythonMembers, readAll } from './helpers.js';

const WRITER = String.raw`
import io, sys, tarfile
out, fmt = sys.argv[1], sys.argv[2]
CAP = b'\x01\x00\x00\x02\x00\x30\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0a\xff\x00'
LONG = 'long-' + 'd' * 110 + '/' + 'f' * 150 + '.txt'
def info(name, type=tarfile.REGTYPE, **kw):
    t = tarfile.TarInfo(name)
    t.type = type
    t.mtime = 1700000000
    for k, v in kw.items():
        setattr(t, k, v)
    return t
def add(tf, t, data=b''):
    t.size = len(data)
    tf.addfile(t, io.BytesIO(data) if data else None)
if fmt == 'pax':
    tf = tarfile.open(out, 'w', format=tarfile.PAX_FORMAT, pax_headers={'comment': 'global', 'gname': 'globalgroup'})
    t = info('bin/ping', mode=0o755)
    t.pax_headers = {'SCHILY.xattr.security.capability': CAP.decode('utf-8', 'surrogateescape'),
                     'SCHILY.xattr.user.note': 'line1\nline2=x\n', 'SCHILY.xattr.user.empty': ''}
    add(tf, t, b'#!ping\n')
    add(tf, info('dir/new\nline.txt'), b'newline in name')
    add(tf, info('ids', uid=3000000, gid=4000000, uname='jöhn', gname='grüppe'), b'ids')
    add(tf, info('future', mtime=99999999999.5), b'future')
    add(tf, info('past', mtime=-86400.25), b'past')
    add(tf, info(LONG), b'long')
    add(tf, info('long-sym', tarfile.SYMTYPE, linkname=LONG))
    add(tf, info('long-hard', tarfile.LNKTYPE, linkname=LONG))
    add(tf, info('./dot/ünï.txt'), 'ünï'.encode())
else:
    tf = tarfile.open(out, 'w', format=tarfile.GNU_FORMAT)
    add(tf, info(LONG), b'long')
    add(tf, info('long-sym', tarfile.SYMTYPE, linkname=LONG))
    add(tf, info('long-hard', tarfile.LNKTYPE, linkname=LONG))
    add(tf, info('big-uid', uid=3000000, gid=2**40), b'x')
    add(tf, info('negative-time', mtime=-1000000), b'y')
    add(tf, info('ünï/日本.txt'), b'z')
    add(tf, info('dev', tarfile.CHRTYPE, devmajor=4000000, devminor=5))
tf.close()
`;

describeWithTools("readTar on Python tarfile's archives", ['python3'], () => {
  const tmp = makeTempDir();
  beforeAll(() => {
    for (const fmt of ['pax', 'gnu']) python(WRITER, [join(tmp.dir, `${fmt}.tar`), fmt]);
  });
  afterAll(() => tmp.cleanup());

  for (const fmt of ['pax', 'gnu']) {
    it(`${fmt}: every field equals Python's reading`, async () => {
      const archive = join(tmp.dir, `${fmt}.tar`);
      // Python applies the PAX global header's gname; stowage ignores globals as Go does
      const members = pythonMembers(archive).map((m) =>
        m.gname === 'globalgroup' ? { ...m, gname: '' } : m,
      );
      const data = readFileSync(archive);
      for (const sizes of [[data.length], [1, 511, 3, 1024]]) {
        const r = await readAll(chunked(data, sizes), { hashContents: true });
        expect(r.warnings).toEqual(fmt === 'pax' ? [expect.stringMatching(/PAX global header .*gname/)] : []);
        expectMatchesPython(r.entries, members);
      }
    });
  }

  it('pax: binary xattrs are byte-exact, values with newlines are kept, globals are ignored as Go ignores them', async () => {
    const r = await readAll(chunked(readFileSync(join(tmp.dir, 'pax.tar')), [700]));
    const ping = r.entries.find((e) => e.path === 'bin/ping');
    expect(ping?.xattrs?.['security.capability']?.toString('hex')).toBe(
      Buffer.from([1, 0, 0, 2, 0, 0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0xff, 0]).toString('hex'),
    );
    expect(ping?.xattrs?.['user.note']?.toString()).toBe('line1\nline2=x\n');
    expect(ping?.xattrs?.['user.empty']?.length).toBe(0);
    expect(r.entries.find((e) => e.path === 'dir/new\nline.txt')).toBeDefined();
    expect(r.entries.filter((e) => e.gname === 'globalgroup')).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(/PAX global header .* ignored/);
    expect(r.entries.find((e) => e.path === 'future')?.mtime).toBe(99999999999.5);
    expect(r.entries.find((e) => e.path === 'past')?.mtime).toBe(-86400.25);
  });
});
