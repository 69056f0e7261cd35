/**
 * The human rendering of a slim report: before → after and the ratio, kept paths per rule, the
 * biggest dropped directories, the probes' answers and the verification verdict.
 */
import { formatBytes } from '../format/size.js';
import { plainStyle, type Style } from '../format/style.js';
import type { SlimExplain, SlimReport } from '../slim-report.js';
import { tableBlock } from './table-block.js';

/** renderSlimText renders `r` for a terminal; `top` paths are listed per rule. */
export function renderSlimText(r: SlimReport, opts: { style?: Style; top?: number } = {}): string {
  const s = opts.style ?? plainStyle;
  const top = opts.top ?? 8;
  const lines = [
    `${r.source} → ${r.destination ?? '(not written)'}`,
    `  mode ${r.mode}, runner ${r.runner ?? 'none'}${r.manifestDigest === null ? '' : `, manifest ${r.manifestDigest}`}`,
  ];
  for (const w of r.warnings) lines.push(s.yellow(`  warning: ${w}`));
  lines.push(
    '',
    tableBlock(
      [{ header: '' }, { header: 'before', align: 'right' }, { header: 'after', align: 'right' }],
      [
        ['files', String(r.before.files), String(r.after.files)],
        ['unpacked', formatBytes(r.before.unpackedBytes), formatBytes(r.after.unpackedBytes)],
        ['stored (compressed)', formatBytes(r.before.compressedBytes), formatBytes(r.after.compressedBytes)],
      ],
      { indent: '  ', header: s.dim },
    ),
    `  ratio ${r.ratio.toFixed(1)}× smaller (unpacked)`,
    '',
    s.bold('Kept, by reason'),
  );
  for (const [kind, g] of Object.entries(r.kept)) {
    lines.push(`  ${kind} (${g.count})`);
    for (const p of g.paths.slice(0, top)) lines.push(`    ${p.path}  ${s.dim(p.reason)}`);
    if (g.count > top) lines.push(s.dim(`    … ${g.count - top} more (--format json lists all)`));
  }
  if (r.droppedDirs.length > 0) {
    lines.push('', s.bold('Biggest dropped directories'));
    for (const d of r.droppedDirs)
      lines.push(`  ${formatBytes(d.bytes).padStart(10)}  ${d.path} (${d.files} files)`);
  }
  if (r.original !== null) {
    lines.push('', s.bold('Runs (original → slim)'));
    const app = (a: SlimReport['original'] & object) =>
      a.app.exited ? `exit ${a.app.exitCode ?? '?'}` : 'running until stopped';
    lines.push(
      `  application: ${app(r.original)} → ${r.verification === null ? '–' : app(r.verification.slim)}`,
    );
    r.original.probes.forEach((p, i) => {
      const q = r.verification?.slim.probes[i];
      const show = (x: typeof p | undefined) =>
        x === undefined
          ? '–'
          : (x.error ??
            (x.status !== undefined ? `HTTP ${x.status}, ${x.bodyBytes ?? 0} bytes` : `exit ${x.exitCode}`));
      lines.push(`  ${p.probe}: ${show(p)} → ${show(q)}`);
    });
  }
  lines.push('');
  if (r.verification === null) lines.push(s.yellow('not verified: no runner ran the images'));
  else if (r.verification.verified) lines.push(s.green('verified'));
  else {
    lines.push(s.red('NOT verified: the slim image answers differently'));
    for (const d of r.verification.differences) lines.push(`  - ${d}`);
    if (r.verification.missing.length > 0) {
      lines.push('  the slim run looked for these paths, which the original has:');
      for (const m of r.verification.missing) lines.push(`    ${m}`);
      lines.push(
        `  keep them with ${r.verification.missing
          .slice(0, 3)
          .map((m) => `--include ${m}`)
          .join(' ')}`,
      );
    }
    lines.push('  nothing was written');
  }
  return `${lines.join('\n')}\n`;
}

/** renderSlimExplain renders one --explain answer. */
export function renderSlimExplain(e: SlimExplain): string {
  const verdict = !e.inImage ? 'not in the image' : e.kept ? `kept (${e.kind})` : 'dropped';
  return `${e.path}: ${verdict}\n  ${e.reason}\n`;
}
