/**
 * `stowage report IMAGE --out FILE`: the explorer as one self-contained HTML file — no network
 * requests, no external assets, the model gzipped inside — written atomically.
 */
import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '../../analysis/lint/fix/write-atomic.js';
import { StowageError } from '../../model/errors.js';
import { reportPage } from '../../report/render/explore-html.js';
import { loadWebAssets } from '../../server/web-assets.js';
import type { Command } from '../command.js';
import { AGAINST_OPTION, BASE_OPTION, loadForExplorer } from './explore-load.js';

/** REPORT_FILE_SCHEMA is the schema of what `report --format json` prints. */
export const REPORT_FILE_SCHEMA = 'stowage.report-file/v1';

/** reportCommand writes the one-file HTML report. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'write the explorer as one self-contained HTML file (for CI artifacts)',
  synopsis: 'IMAGE --out FILE',
  description:
    'Writes the same UI as `explore`, without file contents, as one HTML file that makes no network\n' +
    'request and opens from file://. With --format json prints {"schema":"stowage.report-file/v1",\n' +
    '"out":…,"bytes":…}.',
  options: [
    AGAINST_OPTION,
    BASE_OPTION,
    { name: 'out', type: 'string', valueName: 'FILE', description: 'where to write the HTML (required)' },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const out = ctx.values.out;
    if (typeof out !== 'string' || out === '') {
      throw new StowageError('USAGE', 'report needs --out FILE', { hint: 'e.g. --out report.html' });
    }
    const assets = await loadWebAssets();
    const { model } = await loadForExplorer(ctx, false);
    const html = reportPage(model, assets);
    try {
      await writeFileAtomic(out, html);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new StowageError('USAGE', `cannot write ${out}: ${err.code ?? err.message}`, {
        hint: 'check that the directory exists and is writable',
        cause: e,
      });
    }
    const bytes = (await stat(out)).size;
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify({ schema: REPORT_FILE_SCHEMA, out, bytes })}\n`
        : `wrote ${out} (${bytes} bytes): open it in a browser\n`,
    );
  },
};
