/** DL3057: HEALTHCHECK missing (off by default, as in hadolint). */
import type { Rule } from '../types.js';

/** dl3057 flags stages with no HEALTHCHECK that do not build on a stage that has one. */
export const dl3057: Rule = {
  id: 'DL3057',
  severity: 'info',
  off: true,
  description: '`HEALTHCHECK` instruction missing',
  *check({ dockerfile }) {
    const good = new Set<number>();
    for (const stage of dockerfile.stages) {
      if (stage.fromStage !== undefined && good.has(stage.fromStage)) good.add(stage.index);
      if (stage.instructions.some((i) => i.kind === 'HEALTHCHECK')) good.add(stage.index);
      if (!good.has(stage.index)) yield { span: stage.instructions[0]!.span };
    }
  },
};
