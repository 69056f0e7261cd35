/**
 * STW006: a file added by one instruction (COPY, ADD, or a download in RUN) and deleted by a later
 * RUN. Layers only add: the delete hides the file but its bytes stay in the earlier layer.
 * Secret files are left to STW007.
 */
import type { Report, Rule } from '../types.js';
import { wastedPairs } from './stw-lib/file-events.js';
import { isSecretFile } from './stw-lib/secret-files.js';
import { sequences } from './stw-lib/sequences.js';

/** deletedLaterRule is STW006. */
export const deletedLaterRule: Rule = {
  id: 'STW006',
  severity: 'warning',
  description:
    'A file added in one step is deleted in a later one: its bytes stay in the earlier layer. Add and delete it in the same RUN, use a multi-stage build, or a RUN --mount.',
  *check({ dockerfile }): Iterable<Report> {
    for (const seq of sequences(dockerfile)) {
      const seen = new Set<string>();
      for (const { created, removal } of wastedPairs(seq)) {
        if (isSecretFile(created.path) || isSecretFile(created.source)) continue;
        const key = `${removal.cmd.span.start.line}:${removal.cmd.span.start.column}:${created.ins.span.start.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield {
          span: removal.cmd.span,
          message:
            `\`rm\` of ${removal.target} deletes ${created.path}, added by the ${created.ins.kind} at line ` +
            `${created.ins.span.start.line}: its bytes stay in that layer. Add and delete it in one RUN, ` +
            `use RUN --mount (bind, cache or secret), or copy from a build stage.`,
        };
      }
    }
  },
};
