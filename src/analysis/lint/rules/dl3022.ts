/** DL3022: `COPY --from` should name an earlier stage. */
import type { Rule } from '../types.js';
import { eachInstruction } from '../helpers.js';

/** dl3022 flags COPY --from=X where X is not an alias (or index) of an earlier stage nor an image. */
export const dl3022: Rule = {
  id: 'DL3022',
  severity: 'warning',
  description: 'COPY --from should reference a previously defined FROM alias',
  *check({ dockerfile }) {
    for (const { ins, stage } of eachInstruction(dockerfile, 'COPY')) {
      const from = ins.flags.find((f) => f.name === 'from')?.value;
      if (from === undefined || from === null) continue;
      const earlier = dockerfile.stages.slice(0, (stage?.index ?? 0) + 1);
      const known =
        earlier.some((s) => s.alias === from.toLowerCase()) ||
        (/^\d+$/.test(from) && Number(from) < (stage?.index ?? 0));
      // A reference that looks like an image (has ':', '/', '@') pulls that image: hadolint only
      // accepts aliases, but an image reference is not a mistake, so only bare words are flagged.
      if (!known && !/[:/@]/.test(from)) yield { span: ins.span };
    }
  },
};
