import { describe, expect, it } from 'vitest';
import { dpkgCataloger } from './dpkg.js';

const files = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v)]));

describe('dpkgCataloger', () => {
  it('reads status stanzas as dpkg-query -W lists them, with multi-arch and plain file lists', () => {
    const status = [
      'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nMulti-Arch: same\nVersion: 2.36-9+deb12u4\nInstalled-Size: 12000\nDescription: GNU C Library\n continuation line\n .\n more',
      'Package: gone\nStatus: purge ok not-installed\nArchitecture: amd64',
      'Package: conf\nStatus: deinstall ok config-files\nArchitecture: all\nVersion: 1.0',
      'Package: tool\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:2.0-1',
    ].join('\n\n');
    const out = dpkgCataloger.read(
      files({
        'var/lib/dpkg/status': `${status}\n`,
        'var/lib/dpkg/info/libc6:amd64.list': '/.\n/lib\n/lib/x86_64-linux-gnu/libc.so.6\n',
        'var/lib/dpkg/info/tool.list': '/usr/bin/tool\n',
      }),
    );
    expect(out.map((r) => [r.name, r.version, r.installedSize, r.status, r.files])).toEqual([
      [
        'libc6',
        '2.36-9+deb12u4',
        12000 * 1024,
        'installed',
        ['/.', '/lib', '/lib/x86_64-linux-gnu/libc.so.6'],
      ],
      ['conf', '1.0', undefined, 'config-files', []],
      ['tool', '1:2.0-1', undefined, 'installed', ['/usr/bin/tool']],
    ]);
  });

  it('reads distroless status.d stanzas with their md5sums, names with dots included', () => {
    const out = dpkgCataloger.read(
      files({
        'var/lib/dpkg/status.d/python3.11': 'Package: python3.11\nVersion: 3.11.2-6\nArchitecture: amd64\n',
        'var/lib/dpkg/status.d/python3.11.md5sums': 'd41d8cd98f00b204e9800998ecf8427e  usr/bin/python3.11\n',
      }),
    );
    expect(out).toEqual([
      {
        type: 'deb',
        name: 'python3.11',
        version: '3.11.2-6',
        arch: 'amd64',
        status: 'installed',
        database: 'var/lib/dpkg/status.d/python3.11',
        files: ['/usr/bin/python3.11'],
      },
    ]);
  });
});
