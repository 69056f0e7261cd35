/**
 * `stowage packages IMAGE [--layer N] [--sort size]`: the image's OS packages (dpkg, apk) — per
 * layer added, upgraded and removed with their bytes, the largest packages, the bytes no package
 * owns — as text, a stowage.packages/v1 document, or an SPDX 2.3 / CycloneDX 1.5 SBOM.
 */
import { catalogImage } from '../../catalog/catalog-image.js';
import { StowageError } from '../../model/errors.js';
import { buildPackagesReport } from '../../report/packages-report.js';
import { renderPackagesText } from '../../report/render/packages-text.js';
import { renderCycloneDx, renderSpdx } from '../../report/sbom.js';
import type { Command } from '../command.js';
import { packageVersion } from '../version.js';
import { intOption } from './int-option.js';
import { readLayers } from './read-layers.js';

/** packagesCommand lists packages per layer and writes SBOMs. */
export const packagesCommand: Command = {
  name: 'packages',
  summary: 'list OS packages per layer with their bytes, the bytes no package owns, and SBOMs',
  synopsis: 'IMAGE',
  description:
    'Reads the dpkg (/var/lib/dpkg/status, status.d/, info/*.list) and apk (/lib/apk/db/installed)\n' +
    'databases as of every layer: which layer added, upgraded or removed each package, its files and\n' +
    'their bytes in the final image (paths followed through directory symlinks such as /bin -> usr/bin),\n' +
    'its purl, and the final image’s files no package owns, summed per directory.\n' +
    '--layer N narrows to what layer N did; --sort size orders packages largest first; --top N lists N\n' +
    'packages in text (0 = all). --format json prints a stowage.packages/v1 document; spdx-json and\n' +
    'cyclonedx-json print SPDX 2.3 and CycloneDX 1.5 SBOMs of the whole image.',
  options: [
    {
      name: 'layer',
      type: 'string',
      valueName: 'N',
      description: 'only what layer N added, upgraded or removed',
    },
    { name: 'sort', type: 'string', valueName: 'KEY', description: 'name (default) or size' },
    {
      name: 'top',
      type: 'string',
      valueName: 'N',
      description: 'packages listed in text (default 20, 0 = all)',
    },
  ],
  formats: ['text', 'json', 'spdx-json', 'cyclonedx-json'],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const v = ctx.values;
    if (v.sort !== undefined && v.sort !== 'name' && v.sort !== 'size') {
      throw new StowageError('USAGE', `--sort ${String(v.sort)} is not a sort key`, {
        hint: 'use --sort name or --sort size',
      });
    }
    const layer = intOption(v.layer, 'layer');
    const { image, facts, stack } = await readLayers(ctx, ctx.args[0] as string);
    if (layer !== undefined && layer >= facts.layers.length) {
      throw new StowageError('USAGE', `layer ${layer} does not exist: the image has ${facts.layers.length}`, {
        hint: `give a layer from 0 to ${facts.layers.length - 1}`,
      });
    }
    const catalog = await catalogImage(image, stack, {
      onLayer: (i, n) => ctx.progress.update(`reading package databases: layer ${i + 1}/${n} …`),
    });
    const format = ctx.global.format;
    const sbom = format === 'spdx-json' || format === 'cyclonedx-json';
    const report = buildPackagesReport(facts, catalog, {
      ...(layer !== undefined && !sbom && { layer }),
      ...(v.sort !== undefined && { sort: v.sort as 'name' | 'size' }),
    });
    const sbomCtx = { toolVersion: packageVersion() };
    ctx.out(
      format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : format === 'spdx-json'
          ? renderSpdx(report, sbomCtx)
          : format === 'cyclonedx-json'
            ? renderCycloneDx(report, sbomCtx)
            : renderPackagesText(report, { style: ctx.style, top: intOption(v.top, 'top', 20) }),
    );
  },
};
