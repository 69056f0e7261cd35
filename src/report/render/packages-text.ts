/**
 * The human rendering of a packages report: a table of layers with the packages each added,
 * upgraded and removed and how much of what it wrote packages own, the largest (or all) packages,
 * and the directories holding the most bytes no package owns.
 */
import { displayCreatedBy } from '../format/created-by.js';
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import { truncate } from '../format/text.js';
import type { PackagesReport } from '../packages-report.js';
import { tableBlock } from './table-block.js';

/** PackagesTextOptions tune the rendering. */
export interface PackagesTextOptions {
  style?: Style;
  /** packages listed (default 20; 0 lists all) */
  top?: number;
  /** unowned directories listed (default 10) */
  topDirs?: number;
}

/** renderPackagesText renders a packages report for a terminal or a log. */
export function renderPackagesText(r: PackagesReport, opts: PackagesTextOptions = {}): string {
  const s = opts.style ?? plainStyle;
  const os = r.os.id === null ? '' : ` (${r.os.id}${r.os.versionId === null ? '' : ` ${r.os.versionId}`})`;
  const sum = r.summary;
  const parts = [
    `${s.bold('Image')}     ${r.reference}${os}\n${s.bold('Packages')}  ${sum.packages} in ${r.databases.join(', ') || 'no package database'}, ` +
      `${formatBytes(sum.bytes)} in their files; ${formatBytes(sum.unownedBytes)} in ${sum.unownedFiles} files owned by no package`,
    tableBlock(
      [
        ...['LAYER', 'ADDED', 'UPGRADED', 'REMOVED', 'WROTE', 'OWNED'].map((header) => ({
          header,
          align: 'right' as const,
        })),
        { header: 'CREATED BY' },
      ],
      r.layers.map((l) => [
        String(l.layer),
        l.added.length > 0 ? s.green(`+${l.added.length}`) : '0',
        l.upgraded.length > 0 ? s.yellow(`~${l.upgraded.length}`) : '0',
        l.removed.length > 0 ? s.red(`-${l.removed.length}`) : '0',
        formatBytes(l.changedBytes),
        formatBytes(l.ownedBytes),
        truncate(displayCreatedBy(l.createdBy), 60),
      ]),
      { header: s.bold },
    ),
  ];
  if (r.layer !== null) parts.push(...layerDetail(r, s));
  const top = opts.top ?? 20;
  const shown = top === 0 ? r.packages : r.packages.slice(0, top);
  if (shown.length > 0) {
    const what = r.layer === null ? 'Packages' : `Packages layer ${r.layer} added or upgraded`;
    const more = shown.length < r.packages.length ? ` (${shown.length} of ${r.packages.length})` : '';
    parts.push(
      `${s.bold(what)}${more}\n${tableBlock(
        [
          { header: 'NAME' },
          { header: 'VERSION' },
          { header: 'TYPE' },
          { header: 'LAYER', align: 'right' },
          { header: 'FILES', align: 'right' },
          { header: 'SIZE', align: 'right' },
        ],
        shown.map((p) => [
          p.name,
          truncate(p.version, 32),
          p.type,
          String(p.layer),
          String(p.files.length),
          formatBytes(p.bytes),
        ]),
        { header: s.bold },
      )}`,
    );
  }
  const dirs = r.unowned.directories.slice(0, opts.topDirs ?? 10);
  if (dirs.length > 0) {
    parts.push(
      `${s.bold('Owned by no package')} (largest directories)\n${tableBlock(
        [{ header: 'SIZE', align: 'right' }, { header: 'FILES', align: 'right' }, { header: 'DIRECTORY' }],
        dirs.map((d) => [formatBytes(d.bytes), String(d.files), d.path]),
        { header: s.bold },
      )}`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}

function layerDetail(r: PackagesReport, s: Style): string[] {
  const l = r.layers[0];
  if (l === undefined) return [];
  const lines = [
    ...l.added.map((p) => `${s.green('+')} ${p.name} ${p.version}  ${formatBytes(p.bytes)}`),
    ...l.upgraded.map((p) => `${s.yellow('~')} ${p.name} ${p.from} → ${p.version}  ${formatBytes(p.bytes)}`),
    ...l.removed.map((p) => `${s.red('-')} ${p.name} ${p.version}`),
  ];
  return lines.length === 0
    ? []
    : [`${s.bold(`Layer ${l.layer}`)}\n${lines.map((x) => `  ${x}`).join('\n')}`];
}
