/**
 * `stowage packages` on an Alpine-style image assembled from a hand-written apk database.
 *
 * The fixture's `/lib/apk/db/installed` follows apk-tools' format: one record per package,
 * records separated by a blank line, one `LETTER:value` per line —
 *   C: checksum of the package (`Q1` + base64 SHA-1)   P: name        V: version
 *   A: architecture   S: package size   I: installed size (bytes)   T: description
 *   U: URL   L: license   o: origin   m: maintainer   t: build time   c: commit
 *   D: dependencies   p: provides
 *   F: a directory (relative to `/`), then for each file in it `R:` its name,
 *      `a:uid:gid:mode` and `Z:` its checksum; `M:uid:gid:mode` sets the directory's own mode.
 * Layer 0 installs musl and busybox, layer 1 upgrades busybox and adds curl, layer 2 deletes
 * curl (its files whited out, the database rewritten without it).
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PackagesReport } from '../../src/report/packages-report.js';
import { run } from '../cli/cli-harness.js';
import { expectSchemaValid } from '../commands/schema-validate.js';
import { tempDir } from '../helpers/layout-fixtures.js';
import { describeWithTools } from '../helpers/tools.js';
import { tarOf, writeLayout } from '../extract/layer-images.js';
import { cycloneDxValidator } from './sbom-schemas.js';

interface ApkPkg {
  name: string;
  version: string;
  size: number;
  files: Record<string, string>;
}

const pkg = (name: string, version: string, size: number, files: Record<string, string>): ApkPkg => ({
  name,
  version,
  size,
  files,
});
const MUSL = pkg('musl', '1.2.4-r2', 655360, { 'lib/ld-musl-x86_64.so.1': 'm'.repeat(600) });
const BUSYBOX_1 = pkg('busybox', '1.36.1-r5', 958464, { 'bin/busybox': 'b'.repeat(900) });
const BUSYBOX_2 = pkg('busybox', '1.36.1-r7', 962560, { 'bin/busybox': 'B'.repeat(950) });
const CURL = pkg('curl', '8.5.0-r0', 270336, {
  'usr/bin/curl': 'c'.repeat(250),
  'usr/share/man/man1/curl.1': 'man',
});

/** record writes one package's record in apk's installed-database format. */
function record(p: ApkPkg): string {
  const lines = [
    'C:Q1' + Buffer.from(p.name).toString('base64').padEnd(27, 'A') + '=',
    `P:${p.name}`,
    `V:${p.version}`,
    'A:x86_64',
    'S:123456',
    `I:${p.size}`,
    `T:the ${p.name} package`,
    'U:https://example.invalid/',
    'L:MIT',
    `o:${p.name}`,
    'm:Fixture Maintainer <fixture@example.invalid>',
    't:1700000000',
    'c:0123456789abcdef0123456789abcdef01234567',
  ];
  const byDir = new Map<string, string[]>();
  for (const f of Object.keys(p.files)) {
    const d = dirname(f);
    byDir.set(d, [...(byDir.get(d) ?? []), f.slice(d.length + 1)]);
  }
  for (const [d, names] of byDir) {
    lines.push(`F:${d}`, 'M:0:0:755');
    for (const n of names) lines.push(`R:${n}`, 'a:0:0:755', 'Z:Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  }
  return `${lines.join('\n')}\n`;
}

/** layerWith writes the packages' files and a database listing `db` into a layer. */
function layerWith(work: string, write: ApkPkg[], db: ApkPkg[], extra: Record<string, string> = {}) {
  return tarOf(work, async (d) => {
    const files: Record<string, string> = {
      'lib/apk/db/installed': db.map(record).join('\n'),
      'etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.0\n',
      ...Object.assign({}, ...write.map((p) => p.files)),
      ...extra,
    };
    for (const [name, content] of Object.entries(files)) {
      await mkdir(dirname(join(d, name)), { recursive: true });
      await writeFile(join(d, name), content);
      await chmod(join(d, name), 0o644);
    }
  });
}

let work: string;
let report: PackagesReport;
let ref: string;

describeWithTools('stowage packages on an apk database', ['tar', 'gzip'], () => {
  beforeAll(async () => {
    work = await tempDir('stowage-apk-');
    const layers = [
      await layerWith(work, [MUSL, BUSYBOX_1], [MUSL, BUSYBOX_1]),
      await layerWith(work, [BUSYBOX_2, CURL], [MUSL, BUSYBOX_2, CURL], {
        'var/cache/apk/APKINDEX.tar.gz': 'x'.repeat(4000),
      }),
      await layerWith(work, [], [MUSL, BUSYBOX_2], {
        'usr/bin/.wh.curl': '',
        'usr/share/man/man1/.wh.curl.1': '',
      }),
    ];
    ref = (await writeLayout(join(work, 'layout'), layers)).ref;
    const r = await run(['packages', ref, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout) as PackagesReport;
    await expectSchemaValid('packages', report);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('lists the final packages with versions, sizes, files and purls', () => {
    expect(report.os).toEqual({ id: 'alpine', versionId: '3.19.0' });
    expect(report.databases).toEqual(['lib/apk/db/installed']);
    expect(
      report.packages.map((p) => [
        p.name,
        p.version,
        p.installedSize,
        p.bytes,
        p.files.map((f) => f.path),
        p.purl,
      ]),
    ).toEqual([
      [
        'busybox',
        '1.36.1-r7',
        962560,
        950,
        ['bin/busybox'],
        'pkg:apk/alpine/busybox@1.36.1-r7?arch=x86_64&distro=alpine-3.19.0',
      ],
      [
        'musl',
        '1.2.4-r2',
        655360,
        600,
        ['lib/ld-musl-x86_64.so.1'],
        'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.0',
      ],
    ]);
  });

  it('names the layer that added, upgraded and removed each package', () => {
    const busybox = report.packages.find((p) => p.name === 'busybox');
    expect(busybox?.layer).toBe(0);
    expect(busybox?.upgrades).toEqual([{ layer: 1, from: '1.36.1-r5' }]);
    expect(
      report.layers.map((l) => [
        l.added.map((p) => p.name),
        l.upgraded.map((p) => p.name),
        l.removed.map((p) => p.name),
      ]),
    ).toEqual(
      [
        [['busybox', 'musl'].sort(), [], []],
        [['curl'], ['busybox'], []],
        [[], [], ['curl']],
      ].map(([a, u, r]) => [a, u, r]),
    );
  });

  it('sums the bytes no package owns per directory', () => {
    const dirs = Object.fromEntries(report.unowned.directories.map((d) => [d.path, d.bytes]));
    expect(dirs['var/cache/apk']).toBe(4000);
    expect(dirs['usr/bin']).toBeUndefined();
    expect(report.unowned.bytes).toBe(report.unowned.directories.reduce((n, d) => n + d.bytes, 0));
  });

  it('narrows to one layer with --layer, and writes a valid CycloneDX BOM', async () => {
    const r = await run(['packages', ref, '--layer', '1', '--format', 'json']);
    const one = JSON.parse(r.stdout) as PackagesReport;
    expect(one.layers.map((l) => l.layer)).toEqual([1]);
    expect(one.packages.map((p) => p.name)).toEqual(['busybox']);
    const text = await run(['packages', ref, '--layer', '1']);
    expect(text.stdout).toContain('~ busybox 1.36.1-r5 → 1.36.1-r7');
    expect(text.stdout).toContain('+ curl 8.5.0-r0');
    const cdx = await run(['packages', ref, '--format', 'cyclonedx-json']);
    const validate = cycloneDxValidator();
    expect(validate(JSON.parse(cdx.stdout)), JSON.stringify(validate.errors)).toBe(true);
  });
});
