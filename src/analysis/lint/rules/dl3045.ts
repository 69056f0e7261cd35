/** DL3045: COPY to a relative destination needs a WORKDIR. */
import type { Rule } from '../types.js';

/** dl3045 flags COPY to a relative path in a stage (or its base stages) without WORKDIR. */
export const dl3045: Rule = {
  id: 'DL3045',
  severity: 'warning',
  description: '`COPY` to a relative destination without `WORKDIR` set',
  *check({ dockerfile }) {
    const hasWorkdir = new Map<number, boolean>();
    for (const stage of dockerfile.stages) {
      let workdir = stage.fromStage !== undefined && hasWorkdir.get(stage.fromStage) === true;
      for (const outer of stage.instructions) {
        const ins = outer.trigger ?? outer;
        if (ins.kind === 'WORKDIR') workdir = true;
        if (ins.kind !== 'COPY' || workdir) continue;
        const dest =
          (ins.form === 'exec' ? ins.exec?.at(-1) : ins.words.at(-1))?.replace(/^["']+|["']+$/g, '') ?? '/';
        if (dest.startsWith('/') || dest.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dest)) continue;
        yield { span: ins.span };
      }
      hasWorkdir.set(stage.index, workdir);
    }
  },
};
