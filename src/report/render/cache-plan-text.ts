/**
 * Text rendering of a `stowage.cache.plan/v1` document: stages, steps with short keys, and the
 * files each COPY/ADD selects (the first few, then a count).
 */
import { escapeStrings } from '../format/escape.js';
import type { Style } from '../format/style.js';
import type { CachePlanDocument } from '../cache-plan-report.js';

const SHOWN_FILES = 8;

/** stageTitle names a stage: `stage 0 (build)`. */
export function stageTitle(index: number, name: string | null): string {
  return name === null ? `stage ${index}` : `stage ${index} (${name})`;
}

/** renderCachePlanText prints the plan. */
export function renderCachePlanText(raw: CachePlanDocument, style: Style): string {
  const doc = escapeStrings(raw);
  let out = `${style.bold('cache plan')} for ${doc.dockerfile} in ${doc.context} (builder ${doc.builder}, ignore file ${doc.ignoreFile ?? 'none'})\n`;
  for (const stage of doc.stages) {
    out += `\n${style.bold(stageTitle(stage.index, stage.name))}${stage.needed ? '' : style.dim(' — not needed by the target, skipped')}\n`;
    for (const step of stage.steps) {
      const key = step.cached ? style.dim(step.key.slice(7, 19)) : style.dim('(no cache record)'.padEnd(12));
      out += `  ${String(step.line).padStart(4)}  ${key}  ${step.instruction}${step.linked ? style.cyan('  [independent of parent]') : ''}\n`;
      for (const f of step.files.slice(0, SHOWN_FILES))
        out += `          ${style.dim(`${f.mode} ${f.path}`)}\n`;
      if (step.files.length > SHOWN_FILES)
        out += `          ${style.dim(`… ${step.files.length - SHOWN_FILES} more files`)}\n`;
      for (const p of step.problems) out += `          ${style.yellow(p)}\n`;
    }
  }
  return out;
}
