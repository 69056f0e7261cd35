/**
 * `stowage packages` on Debian images built in the test: the shared debootstrap minbase base, then
 * buildah steps that install jq (with its libraries) and purge it again. dpkg-query on the
 * `umoci unpack`ed rootfs of each image is the oracle: the package list, versions and
 * Installed-Size match it exactly; the layer that added each package is the step after which
 * dpkg-query first lists it, and the purge step removes what dpkg-query no longer lists. Each
 * package's bytes equal the regular files its info/*.list names, as lstat sees them in the
 * unpacked rootfs. The SBOMs validate against the official SPDX 2.3 and CycloneDX 1.5 schemas.
 */
import { lstat, mkdir, readFile, readdir, realpath, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { PackagesReport } from '../../src/report/packages-report.js';
import { run as cli } from '../cli/cli-harness.js';
import { expectSchemaValid } from '../commands/schema-validate.js';
import { Buildah } from '../fixtures/buildah.js';
import { getDebianBase } from '../fixtures/debian-base.js';
import { fixturesDir } from '../fixtures/fixtures.js';
import { runText } from '../fixtures/run.js';
import { describeWithTools } from '../helpers/tools.js';
import { cycloneDxValidator, spdxValidator } from './sbom-schemas.js';

const INSTALL =
  'RUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*';
const PURGE = 'RUN apt-get purge -y jq';

let work: string;
let report: PackagesReport;
/** dpkg-query's lines (`name version installed-size`) for the base, after the install, after the purge */
const oracle: Record<'base' | 'installed' | 'purged', string[]> = { base: [], installed: [], purged: [] };
let finalRootfs: string;

/** dpkgQuery lists `${Package} ${Version} ${Installed-Size}` of a rootfs, sorted. */
async function dpkgQuery(rootfs: string): Promise<string[]> {
  const out = await runText('dpkg-query', [
    `--admindir=${join(rootfs, 'var/lib/dpkg')}`,
    '-W',
    '-f',
    '${Package} ${Version} ${Installed-Size}\\n',
  ]);
  return out.split('\n').sort();
}

/** unpack pushes a buildah image to a layout and unpacks it with umoci; returns the rootfs. */
async function unpack(buildah: Buildah, name: string, tag: string): Promise<string> {
  const layout = join(work, 'layout');
  await buildah.push(name, `oci:${layout}:${tag}`);
  const bundle = join(work, `bundle-${tag}`);
  await runText('umoci', ['unpack', '--rootless', '--image', `${layout}:${tag}`, bundle]);
  return join(bundle, 'rootfs');
}

const names = (lines: string[]) => lines.map((l) => l.split(' ')[0] as string);
const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x)).sort();

describeWithTools(
  'stowage packages on Debian images',
  ['debootstrap', 'buildah', 'umoci', 'dpkg-query'],
  () => {
    beforeAll(async () => {
      const base = await getDebianBase();
      work = join(fixturesDir(), 'dpkg-packages');
      const ctx = join(work, 'context');
      await mkdir(ctx, { recursive: true });
      const buildah = await Buildah.create(base.storage);
      await writeFile(join(ctx, 'Dockerfile'), `FROM ${base.name}\n${INSTALL}\n`);
      await buildah.bud(ctx, 'localhost/stowage-jq:installed');
      await writeFile(join(ctx, 'Dockerfile'), `FROM ${base.name}\n${INSTALL}\n${PURGE}\n`);
      await buildah.bud(ctx, 'localhost/stowage-jq:purged');
      oracle.base = await dpkgQuery(base.rootfs);
      oracle.installed = await dpkgQuery(
        await unpack(buildah, 'localhost/stowage-jq:installed', 'installed'),
      );
      finalRootfs = await unpack(buildah, 'localhost/stowage-jq:purged', 'purged');
      oracle.purged = await dpkgQuery(finalRootfs);
      const r = await cli(['packages', `oci:${join(work, 'layout')}:purged`, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      report = JSON.parse(r.stdout) as PackagesReport;
    }, 900_000);

    it('lists the packages, versions and Installed-Size dpkg-query lists, exactly', async () => {
      const ours = report.packages.map(
        (p) => `${p.name} ${p.version} ${p.installedSize === null ? '' : p.installedSize / 1024}`,
      );
      expect(ours.sort()).toEqual(oracle.purged);
      expect(ours.length).toBeGreaterThan(80);
      await expectSchemaValid('packages', report);
    });

    it('attributes each package to the step that installed it, and the purge to its step', () => {
      const added = minus(names(oracle.installed), names(oracle.base));
      const removed = minus(names(oracle.installed), names(oracle.purged));
      expect(added).toContain('jq');
      expect(removed).toEqual(['jq']);
      const [l0, l1, l2] = report.layers;
      expect(l0?.added.map((p) => p.name).sort()).toEqual(names(oracle.base).sort());
      expect(l1?.added.map((p) => p.name).sort()).toEqual(added);
      expect(l1?.createdBy).toContain('apt-get install -y --no-install-recommends jq');
      expect(l2?.removed.map((p) => p.name)).toEqual(removed);
      expect(l2?.added).toEqual([]);
      for (const p of report.packages) expect(p.layer, p.name).toBe(added.includes(p.name) ? 1 : 0);
      // apt itself wrote in layer 1: the new packages own most of what it wrote
      expect(l1?.ownedBytes).toBeGreaterThan(0);
    });

    it('counts each package’s bytes as lstat does on the unpacked rootfs', async () => {
      const info = join(finalRootfs, 'var/lib/dpkg/info');
      const lists = (await readdir(info)).filter((f) => f.endsWith('.list'));
      const expected = new Map<string, number>();
      const seen = new Set<string>();
      for (const list of lists.sort()) {
        let bytes = 0;
        for (const path of (await readFile(join(info, list), 'utf8')).split('\n')) {
          if (path === '' || path === '/.') continue;
          const host = join(finalRootfs, path);
          const st = await lstat(host).catch(() => undefined);
          if (st?.isFile() !== true) continue;
          const real = join(await realpath(dirname(host)), path.slice(path.lastIndexOf('/') + 1));
          if (seen.has(real)) continue;
          seen.add(real);
          bytes += st.size;
        }
        expected.set(list.replace(/(:[a-z0-9]+)?\.list$/, ''), bytes);
      }
      const ours = new Map(report.packages.map((p) => [p.name, p.bytes]));
      expect(ours).toEqual(expected);
      expect(report.summary.unownedBytes).toBeGreaterThan(0);
    });

    it('writes SBOMs valid against the official SPDX 2.3 and CycloneDX 1.5 schemas', async () => {
      const ref = `oci:${join(work, 'layout')}:purged`;
      const spdx = await cli(['packages', ref, '--format', 'spdx-json']);
      expect(spdx.code).toBe(0);
      const spdxDoc = JSON.parse(spdx.stdout) as { packages: unknown[] };
      const vs = spdxValidator();
      expect(vs(spdxDoc), JSON.stringify(vs.errors)).toBe(true);
      expect(spdxDoc.packages).toHaveLength(report.packages.length + 1);
      expect(vs({ ...spdxDoc, packages: [{ name: 'no SPDXID' }] })).toBe(false);
      const cdx = await cli(['packages', ref, '--format', 'cyclonedx-json']);
      expect(cdx.code).toBe(0);
      const cdxDoc = JSON.parse(cdx.stdout) as { components: { purl: string }[] };
      const vc = cycloneDxValidator();
      expect(vc(cdxDoc), JSON.stringify(vc.errors)).toBe(true);
      expect(cdxDoc.components.map((c) => c.purl)).toContain(
        report.packages.find((p) => p.name === 'libjq1')?.purl,
      );
      expect(vc({ ...cdxDoc, specVersion: 1.5 })).toBe(false);
    });
  },
);
