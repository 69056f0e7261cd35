/** DL3007: do not use the `latest` tag. */
import type { Rule } from '../types.js';

/** dl3007 flags FROM images tagged `latest` without a digest. */
export const dl3007: Rule = {
  id: 'DL3007',
  severity: 'warning',
  description:
    'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
  *check({ dockerfile }) {
    for (const stage of dockerfile.stages) {
      if (stage.from.tag === 'latest' && stage.from.digest === undefined)
        yield { span: stage.instructions[0]!.span };
    }
  },
};
