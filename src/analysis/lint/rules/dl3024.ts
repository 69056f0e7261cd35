/** DL3024: FROM aliases must be unique. */
import type { Rule } from '../types.js';

/** dl3024 flags a stage alias already used by an earlier stage. */
export const dl3024: Rule = {
  id: 'DL3024',
  severity: 'error',
  description: 'FROM aliases (stage names) must be unique',
  *check({ dockerfile }) {
    const seen = new Set<string>();
    for (const stage of dockerfile.stages) {
      if (stage.alias === undefined) continue;
      if (seen.has(stage.alias)) yield { span: stage.instructions[0]!.span };
      seen.add(stage.alias);
    }
  },
};
