/** DL3002: the last USER of a stage should not be root. */
import type { Rule } from '../types.js';

const isRoot = (u: string): boolean =>
  u === 'root' || u === '0' || u.startsWith('root:') || u.startsWith('0:');

/** dl3002 flags a stage whose last USER is root (stages without USER are not flagged). */
export const dl3002: Rule = {
  id: 'DL3002',
  severity: 'warning',
  description: 'Last USER should not be root',
  *check({ dockerfile }) {
    for (const stage of dockerfile.stages) {
      const users = stage.instructions.filter((i) => i.kind === 'USER');
      const last = users[users.length - 1];
      if (last !== undefined && isRoot(last.args)) yield { span: last.span };
    }
  },
};
