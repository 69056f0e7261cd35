/** DL4003 / DL4004: more than one CMD (or ENTRYPOINT) in a stage. */
import type { Rule, Severity } from '../types.js';

/** onlyLastCounts builds a rule flagging every repeat of `kind` within one stage. */
export function onlyLastCounts(id: string, kind: string, severity: Severity, description: string): Rule {
  return {
    id,
    severity,
    description,
    *check({ dockerfile }) {
      for (const stage of dockerfile.stages) {
        const found = stage.instructions.filter((i) => i.kind === kind);
        for (const ins of found.slice(1)) yield { span: ins.span };
      }
    },
  };
}

/** dl4003 flags repeated CMD in a stage. */
export const dl4003 = onlyLastCounts(
  'DL4003',
  'CMD',
  'warning',
  'Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect',
);
