/** DL3026: FROM images must come from a trusted registry (when trustedRegistries is set). */
import type { Rule } from '../types.js';

/** dl3026 flags FROM images outside `trustedRegistries` (scratch and stage aliases pass). */
export const dl3026: Rule = {
  id: 'DL3026',
  severity: 'error',
  description: 'Use only an allowed registry in the FROM image',
  *check({ dockerfile, config }) {
    const trusted = config.trustedRegistries;
    if (trusted.length === 0) return;
    for (const stage of dockerfile.stages) {
      if (stage.from.expanded === 'scratch' || stage.fromStage !== undefined) continue;
      const registry = stage.from.registry ?? 'docker.io';
      const ok = trusted.some(
        (t) =>
          t === registry ||
          (t === 'docker.io' && registry === 'index.docker.io') ||
          (t.startsWith('*.') && registry.endsWith(t.slice(1))) ||
          t === '*',
      );
      if (!ok)
        yield {
          span: stage.instructions[0]!.span,
          message: `Use only an allowed registry in the FROM image: ${registry} is not in trustedRegistries`,
        };
    }
  },
};
