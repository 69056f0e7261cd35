/**
 * STW003: `COPY .` / `ADD .` sends the whole build context, and there is no ignore file, or the
 * ignore file lets `.git`, `node_modules` or `.env` in. Those bust the COPY's cache on every commit
 * or install, bloat the image and can leak secrets. Runs only when a context directory is given.
 */
import type { Report, Rule } from '../types.js';
import { isBroadCopy } from './stw-lib/copy-args.js';
import { describeInstruction } from './stw-lib/describe.js';
import { sequences } from './stw-lib/sequences.js';

/** broadCopyContextRule is STW003. */
export const broadCopyContextRule: Rule = {
  id: 'STW003',
  severity: 'warning',
  description:
    'A broad COPY/ADD sends the whole build context, and no .dockerignore keeps .git, node_modules and .env out: add a .dockerignore (or <Dockerfile>.dockerignore) listing them.',
  *check({ dockerfile, buildContext }): Iterable<Report> {
    if (buildContext === undefined) return;
    const leaking = buildContext.present.filter((p) => !buildContext.excluded(p));
    for (const seq of sequences(dockerfile)) {
      if (seq.onbuild) continue;
      for (const { ins } of seq.steps) {
        if (!isBroadCopy(ins)) continue;
        const what = describeInstruction(ins);
        if (buildContext.ignoreFile === null) {
          const found = leaking.length > 0 ? ` (the context has ${leaking.join(', ')})` : '';
          yield {
            span: ins.span,
            message: `\`${what}\` sends the whole context and there is no .dockerignore${found}: add one excluding .git, node_modules, .env and build output.`,
          };
        } else if (leaking.length > 0) {
          yield {
            span: ins.span,
            message: `\`${what}\` sends ${leaking.join(', ')}: ${buildContext.ignoreFile} does not exclude ${leaking.length === 1 ? 'it' : 'them'}; add ${leaking.map((p) => `\`${p}\``).join(', ')} to it.`,
          };
        }
      }
    }
  },
};
