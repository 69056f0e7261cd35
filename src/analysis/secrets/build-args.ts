/**
 * Build arguments recorded in the image history. When build args are in scope, builders prefix a
 * RUN's `created_by` with `|N NAME=VALUE …`, values unquoted and joined by single spaces (seen
 * with docker 20.10 and buildah 1.28; BuildKit per dockerfile2llb's runCommandString):
 *
 * - Docker's classic builder: `|2 A=x y B=z /bin/sh -c make`: N counts assignments (sorted); the
 *   command is the stage's SHELL plus the script (`/bin/sh -e -c …` after `SHELL`), or, for an
 *   exec-form RUN, the argv joined (`|2 … echo hi`).
 * - BuildKit: `RUN |2 B=z A=x y /bin/sh -c make # buildkit`: N counts assignments (declaration order).
 * - buildah 1.28: `|3 A=x y B=z /bin/sh -c make`: N counts the space-separated words of the
 *   assignments (`A=x y` is two, `A=x  y` three), and the command always starts `/bin/sh -c `.
 *
 * Nothing is escaped, so where a value ends is inferred:
 * 1. A word `NAME=…` starts an assignment when NAME is a declared build arg (the history's `ARG`
 *    entries name them, plus the predefined proxy args); when the history declares none, any
 *    identifier counts.
 * 2. The assignments end where a shell command starts: a word that is an absolute path to a shell,
 *    followed (after options) by `-c`. buildah always writes one; Docker and BuildKit do for
 *    shell-form RUNs. Within that stretch, at most N assignments are split out (a later `NAME=`
 *    word belongs to the N-th value), which fits both ways of counting.
 * 3. Without a shell (an exec-form RUN by Docker or BuildKit) N counts assignments, and the last
 *    value is taken to be one word: the rest is the command.
 */
import type { HistoryEntry } from '../../model/config.js';

/** BuildArg is one recorded `NAME=VALUE`. */
export interface BuildArg {
  name: string;
  value: string;
}

/** PREDEFINED_ARGS are the build args builders accept without an ARG line (the proxy variables). */
const PREDEFINED_ARGS = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((n) => [
  n,
  n.toLowerCase(),
]);

/** PREFIX matches the `|N ` before the recorded args (BuildKit puts `RUN ` first). */
const PREFIX = /^(?:RUN )?\|(\d+) (.*)$/s;

/** ARG_STEP matches an ARG history entry: `ARG …` (BuildKit) or `/bin/sh -c #(nop) ARG …` (Docker, buildah). */
const ARG_STEP = /^(?:\/bin\/sh -c #\(nop\)\s+)?ARG\s+(.*?)(?:\s+# buildkit)?$/s;

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const DECLARED = /^([A-Za-z_][A-Za-z0-9_]*)(?:=|$)/;
const SHELL = /^\/(?:[\w.-]+\/)*[a-z]*sh$/;

/**
 * declaredArgNames collects the build-arg names the history's ARG entries declare: `ARG A B`
 * (buildah lists names), `ARG A=default` (Docker, BuildKit keep the line).
 */
export function declaredArgNames(history: readonly HistoryEntry[]): Set<string> {
  const names = new Set<string>();
  for (const h of history) {
    const m = ARG_STEP.exec(h.created_by ?? '');
    if (m === null) continue;
    for (const word of (m[1] ?? '').split(/\s+/)) {
      const name = DECLARED.exec(word)?.[1];
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}

/**
 * parseBuildArgs returns the build args a history `created_by` records, or [] when it records none.
 * `declared` (from declaredArgNames) tells real assignments from `NAME=` words inside values; when
 * it is empty, any identifier followed by `=` starts one.
 */
export function parseBuildArgs(createdBy: string, declared: ReadonlySet<string> = new Set()): BuildArg[] {
  const m = PREFIX.exec(createdBy);
  if (m === null) return [];
  const n = Number(m[1]);
  const words = (m[2] ?? '').split(' ');
  const starts = (w: string) => {
    const name = ASSIGNMENT.exec(w)?.[1];
    return (
      name !== undefined && (declared.size === 0 || declared.has(name) || PREDEFINED_ARGS.includes(name))
    );
  };
  if (n === 0 || !starts(words[0] ?? '')) return [];
  const shell = shellAt(words);
  const out: { name: string; words: string[] }[] = [];
  for (let i = 0; i < (shell ?? words.length); i++) {
    const w = words[i] as string;
    if (out.length < n && starts(w)) {
      const eq = w.indexOf('=');
      out.push({ name: w.slice(0, eq), words: [w.slice(eq + 1)] });
    } else if (shell === undefined && out.length === n) {
      break;
    } else {
      out[out.length - 1]?.words.push(w);
    }
  }
  return out.map((a) => ({ name: a.name, value: a.words.join(' ') }));
}

/** shellAt returns the index of the first word (after the first) that starts `SHELL [-opt [arg]]… -c`. */
function shellAt(words: readonly string[]): number | undefined {
  for (let i = 1; i < words.length; i++) {
    if (!SHELL.test(words[i] as string)) continue;
    let j = i + 1;
    while (j < words.length && words[j] !== '-c' && (words[j] as string).startsWith('-')) {
      j += words[j] === '-o' ? 2 : 1;
    }
    if (words[j] === '-c') return i;
  }
  return undefined;
}
