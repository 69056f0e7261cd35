/**
 * Reading one history `created_by` back into a Dockerfile instruction. The forms builders write:
 * - Docker's classic builder and buildah: `/bin/sh -c #(nop) INSTRUCTION …` for steps that run no
 *   command (`COPY file:HASH in /dest `, `ENV K=V`, `CMD ["x"]`), `/bin/sh -c SCRIPT` for a RUN,
 *   and `|N K=V … /bin/sh -c SCRIPT` for a RUN with build args in scope;
 * - BuildKit: `INSTRUCTION … # buildkit` (`RUN /bin/sh -c SCRIPT # buildkit`, `RUN |N K=V …`,
 *   `COPY src /dest # buildkit`, `EXPOSE map[8080/tcp:{}]`), and bare `ARG`, `ENV`, `WORKDIR`….
 * What a history cannot hold is said in comments: COPY/ADD sources recorded only as content hashes,
 * build-arg values (recorded; secret-looking ones redacted the way `audit` redacts).
 */
import { parseBuildArgs } from '../secrets/build-args.js';
import { redact } from '../secrets/redact.js';
import { isPlausibleSecretValue, isSensitiveName } from '../secrets/sensitive-name.js';

/** Instruction is one reconstructed Dockerfile line with the comments that precede it. */
export interface Instruction {
  /** the line, e.g. `RUN apt-get update`; empty when nothing could be recovered */
  line: string;
  comments: string[];
}

const NOP = /^\/bin\/sh -c #\(nop\)\s*/;
const SHELL_C = /^(?:\/bin\/)?(?:ba)?sh -c /;
const KEYWORD =
  /^(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\b/i;
const HASHED_SOURCE = /^(COPY|ADD) (?:--\S+ )*((?:file|dir|multi):[0-9a-f]{64}) in (\S+)\s*$/s;

/** secretSafe redacts `K=V` values whose names look secret (and values plausibly are). */
function secretSafe(name: string, value: string): string {
  return isSensitiveName(name) && isPlausibleSecretValue(value) ? redact(value) : value;
}

/** instructionOf turns one `created_by` into an instruction; `declared` names the history's ARGs. */
export function instructionOf(createdBy: string, declared: ReadonlySet<string>): Instruction {
  let s = createdBy.trim();
  const buildkit = s.endsWith(' # buildkit');
  if (buildkit) s = s.slice(0, -' # buildkit'.length).trimEnd();
  const nop = NOP.exec(s);
  if (nop !== null) s = s.slice(nop[0].length);
  const comments: string[] = [];
  const args = parseBuildArgs(s, declared);
  if (args.length > 0) {
    comments.push(`build args: ${args.map((a) => `${a.name}=${secretSafe(a.name, a.value)}`).join(' ')}`);
    s = `RUN ${stripArgs(s)}`;
  }
  if (s.startsWith('RUN ')) s = `RUN ${s.slice(4).replace(SHELL_C, '')}`;
  else if (nop === null && SHELL_C.test(s)) s = `RUN ${s.replace(SHELL_C, '')}`;
  if (!KEYWORD.test(s)) {
    return { line: '', comments: [`not an instruction stowage recognises: ${s}`] };
  }
  const hashed = HASHED_SOURCE.exec(s);
  if (hashed !== null) {
    comments.push(
      `the source is recorded only as ${hashed[2] as string}: the original path is not in the history`,
    );
    s = `${hashed[1] as string} ${hashed[2] as string} ${hashed[3] as string}`;
  }
  s = s.replace(/^EXPOSE map\[(.*)\]$/, (_, ports: string) => `EXPOSE ${ports.replace(/:\{\}/g, '')}`);
  s = s.replace(
    /^(ENV|ARG) ([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s,
    (_, kw: string, k: string, v: string) => `${kw} ${k}=${secretSafe(k, v)}`,
  );
  return { line: s, comments };
}

/** stripArgs drops the `|N K=V …` prefix, leaving the command from its shell on. */
function stripArgs(s: string): string {
  const body = s.replace(/^(?:RUN )?\|\d+ /, '');
  const shell = /(?:^| )(\/(?:[\w.-]+\/)*[a-z]*sh(?: -[a-z]+)* -c )/.exec(body);
  return shell === null ? body : body.slice(shell.index + (shell[0].startsWith(' ') ? 1 : 0));
}
