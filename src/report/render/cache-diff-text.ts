/**
 * Text rendering of a `stowage.cache.diff/v1` document: per stage the first miss and why, then the
 * steps rebuilt after it (with layer bytes when an image was given).
 */
import { escapeStrings } from '../format/escape.js';
import { formatBytes } from '../format/size.js';
import type { Style } from '../format/style.js';
import type { CacheDiffDocument, CacheStepJson } from '../cache-diff-report.js';
import { stageTitle } from './cache-plan-text.js';

const SHOWN_FILES = 10;

function stepLine(s: CacheStepJson, style: Style): string {
  const bytes = s.bytes === null ? '' : style.dim(`  ${formatBytes(s.bytes)}`);
  const maybe =
    s.status === 'maybe' ? style.yellow('  (may hit if the source stage made the same files)') : '';
  return `    line ${s.line}: ${s.instruction}${bytes}${maybe}\n`;
}

/** renderCacheDiffText prints the diff. */
export function renderCacheDiffText(raw: CacheDiffDocument, style: Style): string {
  const doc = escapeStrings(raw);
  let out = `${style.bold('cache diff')} ${doc.before} → ${doc.after} (builder ${doc.builder})\n`;
  for (const stage of doc.stages) {
    if (!stage.needed) continue;
    out += `\n${style.bold(stageTitle(stage.index, stage.name))}: `;
    const first = stage.firstMiss ?? stage.rebuilt[0] ?? null;
    if (first === null) {
      out += `${style.green('fully cached')}\n`;
      continue;
    }
    out += `${style.red(stage.firstMiss === null ? 'may miss' : 'misses')} at line ${first.line}: ${first.instruction}\n`;
    for (const c of first.causes) {
      out += `  because ${c.detail}\n`;
      for (const f of c.files.slice(0, SHOWN_FILES))
        out += `    ${style.yellow(f.change.padEnd(11))} ${f.path}\n`;
      if (c.files.length > SHOWN_FILES) out += `    … ${c.files.length - SHOWN_FILES} more\n`;
    }
    const after = stage.rebuilt.filter((r) => r.index !== first.index);
    if (after.length > 0) {
      out += `  rebuilt as a consequence:\n`;
      for (const r of after) out += stepLine(r, style);
    }
  }
  if (doc.image !== null) {
    out += `\n${doc.image.rebuiltLayers} rebuilt layer(s) of ${doc.image.reference}: ${formatBytes(doc.image.rebuiltBytes)} to rebuild and push\n`;
  }
  return out;
}
