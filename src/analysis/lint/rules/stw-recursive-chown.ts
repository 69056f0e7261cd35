/**
 * STW004: `chown -R` / `chmod -R` in a RUN over paths an earlier COPY/ADD created. The RUN writes a
 * second copy of every file it touches into its own layer; `COPY --chown=…` / `--chmod=…` sets
 * ownership and mode in the first place.
 */
import type { Report, Rule } from '../types.js';
import { hasShortFlag, operands } from './stw-lib/command-line.js';
import { copyArgs, createdPaths } from './stw-lib/copy-args.js';
import { overlaps, resolve, staticPrefix } from './stw-lib/paths.js';
import { commandsWithCwd } from './stw-lib/run-cwd.js';
import { sequences } from './stw-lib/sequences.js';

/** recursiveChownRule is STW004. */
export const recursiveChownRule: Rule = {
  id: 'STW004',
  severity: 'warning',
  description:
    'A recursive chown/chmod in RUN rewrites files an earlier COPY/ADD created, storing them twice: set owner and mode with COPY --chown / --chmod instead.',
  *check({ dockerfile }): Iterable<Report> {
    for (const seq of sequences(dockerfile)) {
      const copied: { path: string; line: number; kind: string }[] = [];
      for (const { ins, workdir } of seq.steps) {
        if (ins.kind === 'COPY' || ins.kind === 'ADD') {
          const args = copyArgs(ins);
          if (args !== null)
            for (const c of createdPaths(args, workdir))
              copied.push({ path: c.path, line: ins.span.start.line, kind: ins.kind });
          continue;
        }
        if (ins.kind !== 'RUN') continue;
        for (const { name, args, cmd, cwd } of commandsWithCwd(ins, workdir)) {
          if (name !== 'chown' && name !== 'chmod') continue;
          if (!hasShortFlag(args, 'R') && !args.includes('--recursive')) continue;
          const byReference = args.some((a) => a.startsWith('--reference'));
          const targets = operands(args).slice(byReference ? 0 : 1);
          const hit = targets
            .filter((t) => !t.includes('$'))
            .map((t) => staticPrefix(resolve(cwd, t)))
            .flatMap((t) => copied.filter((c) => overlaps(c.path, t)))[0];
          if (hit === undefined) continue;
          const flag = name === 'chown' ? '--chown' : '--chmod';
          yield {
            span: cmd.span,
            message:
              `\`${name} -R\` rewrites ${hit.path}, which the ${hit.kind} at line ${hit.line} created: ` +
              `every file is stored again in this layer. Use \`${hit.kind} ${flag}=…\` on line ${hit.line} instead.`,
          };
        }
      }
    }
  },
};
