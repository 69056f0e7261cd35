/** DL3059: multiple consecutive RUN instructions. */
import type { Instruction } from '../../../dockerfile/model.js';
import { commandsOf } from '../helpers.js';
import type { Rule } from '../types.js';

const flagKey = (ins: Instruction): string =>
  ins.flags
    .map((f) => `${f.name}=${f.value ?? ''}`)
    .sort()
    .join(' ');

/**
 * dl3059 flags a RUN directly after another RUN (comments between allowed) with the same flags,
 * when neither has more than two commands (longer chains are deliberate splits).
 */
export const dl3059: Rule = {
  id: 'DL3059',
  severity: 'info',
  description: 'Multiple consecutive `RUN` instructions. Consider consolidation',
  *check({ dockerfile }) {
    let prev: { flags: string; count: number } | undefined;
    for (const ins of dockerfile.instructions) {
      if (ins.kind !== 'RUN') {
        prev = undefined;
        continue;
      }
      const cur = { flags: flagKey(ins), count: commandsOf(ins).length };
      if (prev !== undefined && prev.flags === cur.flags && cur.count <= 2 && prev.count <= 2)
        yield { span: ins.span };
      prev = cur;
    }
  },
};
