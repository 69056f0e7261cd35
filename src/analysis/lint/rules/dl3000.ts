/** DL3000: WORKDIR must be an absolute path. */
import type { Rule } from '../types.js';
import { eachInstruction } from '../helpers.js';

/** dl3000 flags a relative WORKDIR (variables and Windows drive paths count as absolute). */
export const dl3000: Rule = {
  id: 'DL3000',
  severity: 'error',
  description: 'Use absolute WORKDIR',
  *check({ dockerfile }) {
    for (const { ins } of eachInstruction(dockerfile, 'WORKDIR')) {
      const dir = ins.args.replace(/^["']|["']$/g, '');
      if (dir.startsWith('/') || dir.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dir)) continue;
      yield { span: ins.span };
    }
  },
};
