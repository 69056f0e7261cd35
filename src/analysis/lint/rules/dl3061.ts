/** DL3061: a Dockerfile must begin with FROM, ARG or a comment. */
import type { Rule } from '../types.js';

/** dl3061 flags every instruction other than ARG before the first FROM. */
export const dl3061: Rule = {
  id: 'DL3061',
  severity: 'error',
  description: 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment',
  *check({ dockerfile }) {
    for (const ins of dockerfile.instructions) {
      if (ins.kind === 'FROM') return;
      if (ins.kind !== 'ARG') yield { span: ins.span };
    }
  },
};
