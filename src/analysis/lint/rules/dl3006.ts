/** DL3006: always tag the FROM image explicitly. */
import type { Rule } from '../types.js';

/** dl3006 flags an untagged, undigested FROM image that is not scratch nor an earlier stage alias. */
export const dl3006: Rule = {
  id: 'DL3006',
  severity: 'warning',
  description: 'Always tag the version of an image explicitly',
  *check({ dockerfile }) {
    const aliases = new Set<string>();
    for (const stage of dockerfile.stages) {
      const { from } = stage;
      const untagged = from.tag === undefined && from.digest === undefined;
      if (untagged && from.raw !== 'scratch' && !aliases.has(from.raw.toLowerCase())) {
        yield { span: stage.instructions[0]!.span };
      }
      if (stage.alias !== undefined) aliases.add(stage.alias);
    }
  },
};
