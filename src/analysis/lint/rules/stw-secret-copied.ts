/**
 * STW007: a credential file (SSH key, `*.pem`, `.npmrc`, `.netrc`, cloud credentials…) copied into
 * the image and removed by a later RUN. The removal hides it, but it stays readable in the COPY's
 * layer for anyone who pulls the image. Mount it for the one RUN that needs it instead.
 */
import type { Report, Rule } from '../types.js';
import { wastedPairs } from './stw-lib/file-events.js';
import { isSecretFile } from './stw-lib/secret-files.js';
import { sequences } from './stw-lib/sequences.js';

/** secretCopiedRule is STW007. */
export const secretCopiedRule: Rule = {
  id: 'STW007',
  severity: 'error',
  description:
    'A secret file is copied into the image and removed later: it stays in the earlier layer. Use RUN --mount=type=secret (or type=ssh) for the step that needs it.',
  *check({ dockerfile }): Iterable<Report> {
    for (const seq of sequences(dockerfile)) {
      const seen = new Set<string>();
      for (const { created, removal } of wastedPairs(seq)) {
        if (created.ins.kind !== 'COPY' && created.ins.kind !== 'ADD') continue;
        if (!isSecretFile(created.path) && !isSecretFile(created.source)) continue;
        const key = `${created.ins.span.start.line}:${created.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield {
          span: created.ins.span,
          message:
            `${created.source} is copied to ${created.path} and removed at line ${removal.ins.span.start.line}, ` +
            `but it stays readable in this ${created.ins.kind}'s layer. Use ` +
            `\`RUN --mount=type=secret,id=…,target=${created.path}\` on the RUN that needs it.`,
        };
      }
    }
  },
};
