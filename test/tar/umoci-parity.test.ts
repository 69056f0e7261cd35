/**
 * Differential tests against `umoci unpack` (Go's archive/tar plus umoci's applier) on crafted
 * layers: for each case where a tar reader can disagree with the runtimes — header-only types with
 * a size, NUL-led numeric fields, base-256, PAX and GNU precedence, `..` and absolute names, a
 * whiteout reached through `..`, parents behind symlinks (merged /usr), a tar without end-of-archive
 * blocks — stowage's merged tree must equal the rootfs umoci writes, and `audit` must find the
 * private key umoci extracts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../helpers/tools.js';
import { archive, gnuLong, header, member, padded, paxHeader } from './craft.js';
import { auditPaths, layoutWith, stowageTree, umociRootfs } from './umoci-oracle.js';

const KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ'.repeat(2)}\n${'AAAAMwAAAAtzc2gtZWQyNTUxOQAAACDd2lHcZ1wq'.repeat(2)}\n-----END OPENSSH PRIVATE KEY-----\n`;

const dir = (name: string, extra = {}) => member({ name, type: '5', mode: 0o755, ...extra });
const link = (name: string, target: string, extra = {}) =>
  member({ name, type: '2', mode: 0o777, linkname: target, ...extra });

/** Case is one crafted image: its layers, and the key path umoci extracts (audit must find it). */
interface Case {
  name: string;
  layers: Buffer[];
  key?: string;
  /** a warning stowage must print on stderr */
  warning?: RegExp;
}

const CASES: Case[] = [
  {
    name: 'header-only types with a size field read no data (a)',
    layers: [
      archive([
        dir('etc'),
        // each claims the next member as its data; Go reads none
        header({ name: 'etc/link', type: '2', mode: 0o777, linkname: 'key.pem', size: 1024 }),
        header({ name: 'etc/fifo', type: '6', size: 512 }),
        header({ name: 'etc/sub', type: '5', mode: 0o755, size: 512 + 512 * Math.ceil(KEY.length / 512) }),
        member({ name: 'etc/key.pem', mode: 0o600 }, KEY),
        header({ name: 'etc/hard', type: '1', mode: 0o600, linkname: 'etc/key.pem', size: 512 }),
        member({ name: 'etc/after' }, 'after\n'),
      ]),
    ],
    key: 'etc/key.pem',
    warning: /"etc\/link" \(symlink\) declares 1024 bytes of data; read as none/,
  },
  {
    name: 'numeric fields with leading NULs and spaces are trimmed as Go trims them (b)',
    layers: [
      archive([
        dir('root', { mode: Buffer.from('\0\0 0700\0') }),
        // size 0o1000 after eight NULs: 512 bytes of zeros, which an untrimmed reader takes for the end
        member({ name: 'root/pad', size: Buffer.from('\0\0\0\0\0\0\0\x001000') }, Buffer.alloc(512)),
        member(
          { name: 'root/id_ed25519', mode: Buffer.from('\0\0\0\x000600'), uid: Buffer.from(' \x001750 \0') },
          KEY,
        ),
      ]),
    ],
    key: 'root/id_ed25519',
  },
  {
    name: 'base-256 numbers, PAX over ustar fields, GNU long names over PAX paths',
    layers: [
      archive([
        member(
          { name: 'b256', size: Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0xbc]) },
          'x'.repeat(700),
        ),
        member({ name: 'uid256', uid: Buffer.from([0x80, 0, 0, 0, 0, 0, 0x10, 0]) }, 'u'),
        paxHeader([
          ['path', 'pax/renamed'],
          ['uid', '3000000'],
          ['gid', '4321'],
          ['size', '300'],
          ['mtime', '1700000000.5'],
        ]),
        member({ name: 'pax-ignored', size: 0 }, Buffer.alloc(0)),
        padded(Buffer.from('p'.repeat(300))),
        dir('long'),
        gnuLong('L', `long/${'n'.repeat(150)}`),
        member({ name: 'long/short', magic: 'gnu' }, 'long name\n'),
        gnuLong('K', `../${'t'.repeat(150)}`),
        link(`long/link`, 'short-target', { magic: 'gnu' }),
        paxHeader([['path', 'pax-loses']]),
        gnuLong('L', 'gnu-wins'),
        member({ name: 'header-name', magic: 'gnu' }, 'which name\n'),
      ]),
    ],
  },
  {
    name: '`..` segments, names above the root, PAX paths with `..`, absolute names, whiteouts through `..` (c)',
    layers: [
      archive([
        dir('etc'),
        member({ name: 'etc/secret' }, 's3cret\n'),
        dir('x'),
        member({ name: 'etc/keep' }, 'k\n'),
      ]),
      archive([
        member({ name: 'x/../etc/.wh.secret' }),
        dir('a'),
        member({ name: 'a/../b' }, 'b\n'),
        member({ name: '../../escape' }, 'up\n'),
        paxHeader([['path', '../pax/../../etc/pax-file']]),
        member({ name: 'ignored' }, 'pax\n'),
        member({ name: '/abs/file' }, 'absolute\n'),
        member({ name: './etc/./dot//file' }, 'dots\n'),
      ]),
    ],
    warning: /"\.\.\/\.\.\/escape" names a path above the root; read as "escape"/,
  },
  {
    name: 'parents resolved through symlinks inside the root (merged /usr)',
    layers: [
      archive([
        dir('usr'),
        dir('usr/lib'),
        member({ name: 'usr/lib/libc.so.6' }, 'libc\n'),
        link('lib', 'usr/lib'),
        link('lib64', '/usr/lib'),
        link('up', '../../../usr'),
      ]),
      archive([
        member({ name: 'lib/libbar.so' }, 'bar\n'),
        member({ name: 'lib64/libbaz.so' }, 'baz\n'),
        member({ name: 'up/lib/libqux.so' }, 'qux\n'),
        member({ name: 'lib/.wh.libc.so.6' }),
      ]),
    ],
  },
  {
    name: "a tar without padding or end-of-archive blocks (umoci 0.4.7's insert)",
    layers: [
      archive(
        [
          dir('ins'),
          member({ name: 'ins/first' }, 'one\n'),
          header({ name: 'ins/last', size: 100 }),
          Buffer.alloc(100, 0x61),
        ],
        {
          end: false,
        },
      ),
    ],
    warning: /without end-of-archive blocks/,
  },
];

let work: string;

describeWithTools('crafted layers: stowage reads what umoci unpack writes', ['umoci'], () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stowage-umoci-parity-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const dirOf = join(work, `case-${i}`);
    const image = await layoutWith(dirOf, c.layers);
    const umoci = await umociRootfs(dirOf, image);
    if ('error' in umoci) throw new Error(umoci.error);
    const ours = await stowageTree(image);
    expect(ours.code, ours.stderr).toBe(0);
    expect(ours.nodes).toEqual(umoci.nodes);
    if (c.warning !== undefined) expect(ours.stderr).toMatch(c.warning);
    if (c.key !== undefined) {
      expect(umoci.nodes.has(c.key)).toBe(true);
      const audit = await auditPaths(image);
      expect(audit.code).toBe(0);
      expect(audit.paths).toContain(c.key);
    }
  });
});
