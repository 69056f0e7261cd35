/** DL3025: use JSON (exec form) for CMD and ENTRYPOINT. */
import type { Rule } from '../types.js';
import { eachInstruction } from '../helpers.js';

/** dl3025 flags CMD and ENTRYPOINT in shell form (single-quoted "JSON" is shell form). */
export const dl3025: Rule = {
  id: 'DL3025',
  severity: 'warning',
  description: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments',
  *check({ dockerfile }) {
    for (const { ins } of eachInstruction(dockerfile, ['CMD', 'ENTRYPOINT']))
      if (ins.form === 'shell') yield { span: ins.span };
  },
};
