/**
 * The dpkg cataloger: `/var/lib/dpkg/status` (every stanza whose status is not `not-installed`, as
 * `dpkg-query -W` lists them), distroless's `/var/lib/dpkg/status.d/NAME` stanzas (no Status field:
 * installed) with their `NAME.md5sums`, and each package's file list in
 * `/var/lib/dpkg/info/NAME[:ARCH].list`. Installed-Size is in KiB.
 */
import type { Cataloger, PackageRecord } from './model.js';
import { parseStanzas } from './stanzas.js';

const STATUS = 'var/lib/dpkg/status';
const STATUS_D = 'var/lib/dpkg/status.d/';
const INFO = 'var/lib/dpkg/info/';

/** dpkgCataloger reads Debian-family package databases. */
export const dpkgCataloger: Cataloger = {
  type: 'deb',
  wants: (p) => p === STATUS || p.startsWith(STATUS_D) || (p.startsWith(INFO) && p.endsWith('.list')),
  read(files) {
    const out: PackageRecord[] = [];
    const status = files.get(STATUS);
    if (status !== undefined) {
      for (const s of parseStanzas(status.toString('utf8'))) {
        const state = (s.get('Status') ?? '').split(' ')[2] ?? '';
        if (state === 'not-installed' || state === '') continue;
        const r = record(s, STATUS, state);
        if (r !== undefined) out.push({ ...r, files: listOf(files, r) });
      }
    }
    for (const [path, body] of files) {
      if (!path.startsWith(STATUS_D) || path.endsWith('.md5sums')) continue;
      for (const s of parseStanzas(body.toString('utf8'))) {
        const r = record(s, path, 'installed');
        if (r !== undefined) out.push({ ...r, files: md5sumsOf(files.get(`${path}.md5sums`)) });
      }
    }
    return out;
  },
};

function record(s: Map<string, string>, database: string, status: string): PackageRecord | undefined {
  const name = s.get('Package');
  if (name === undefined) return undefined;
  const r: PackageRecord = {
    type: 'deb',
    name,
    version: s.get('Version') ?? '',
    files: [],
    database,
    status,
  };
  const arch = s.get('Architecture');
  if (arch !== undefined) r.arch = arch;
  const size = s.get('Installed-Size');
  if (size !== undefined && /^\d+$/.test(size)) r.installedSize = Number(size) * 1024;
  return r;
}

/** listOf reads the package's info/NAME:ARCH.list (multi-arch) or info/NAME.list. */
function listOf(files: ReadonlyMap<string, Buffer>, r: PackageRecord): string[] {
  const body = files.get(`${INFO}${r.name}:${r.arch ?? ''}.list`) ?? files.get(`${INFO}${r.name}.list`);
  return body === undefined ? [] : lines(body);
}

/** md5sumsOf reads distroless's `MD5  relative/path` lines as absolute paths. */
function md5sumsOf(body: Buffer | undefined): string[] {
  if (body === undefined) return [];
  return lines(body).map((l) => `/${l.replace(/^[0-9a-f]+\s+/, '')}`);
}

function lines(body: Buffer): string[] {
  return body
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
}
