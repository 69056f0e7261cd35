/** DL3023: `COPY --from` cannot reference its own stage. */
import type { Rule } from '../types.js';
import { eachInstruction } from '../helpers.js';

/** dl3023 flags COPY --from naming the stage it is in. */
export const dl3023: Rule = {
  id: 'DL3023',
  severity: 'error',
  description: '`COPY --from` cannot reference its own `FROM` alias',
  *check({ dockerfile }) {
    for (const { ins, stage } of eachInstruction(dockerfile, 'COPY')) {
      const from = ins.flags.find((f) => f.name === 'from')?.value;
      if (stage?.alias !== undefined && from?.toLowerCase() === stage.alias) yield { span: ins.span };
    }
  },
};
