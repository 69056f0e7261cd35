/**
 * STW011: `ADD https://…` without `--checksum`. The download is not verified, and BuildKit cannot
 * tell whether it changed without fetching it. Pin it with `--checksum=sha256:…`
 * (Dockerfile syntax 1.6+) or download and verify in RUN.
 */
import { eachInstruction } from '../helpers.js';
import type { Report, Rule } from '../types.js';
import { copyArgs, isUrl } from './stw-lib/copy-args.js';

/** addUrlChecksumRule is STW011. */
export const addUrlChecksumRule: Rule = {
  id: 'STW011',
  severity: 'warning',
  description:
    'ADD downloads a URL without --checksum: the content is not verified. Add --checksum=sha256:<digest> (Dockerfile syntax 1.6+).',
  *check({ dockerfile }): Iterable<Report> {
    for (const { ins } of eachInstruction(dockerfile, 'ADD')) {
      if (ins.flags.some((f) => f.name === 'checksum')) continue;
      const url = copyArgs(ins)?.sources.find(isUrl);
      if (url === undefined) continue;
      yield {
        span: ins.span,
        message: `ADD ${url} is not verified: add --checksum=sha256:<digest of the file> so a changed or tampered download fails the build.`,
      };
    }
  },
};
