/**
 * Reads COPY/ADD arguments in shell and exec form: the sources, the destination, and the paths in
 * the image the instruction creates.
 */
import type { Instruction } from '../../../../dockerfile/model.js';
import { unquote } from '../../../../dockerfile/words.js';
import { basename } from './command-line.js';
import { resolve } from './paths.js';

/** CopyArgs are a COPY/ADD's sources (unquoted) and destination. */
export interface CopyArgs {
  sources: string[];
  dest: string;
  /** fromStage is the `--from` value, if any (a stage name, index or image). */
  from?: string;
}

/** jsonArray decodes the JSON-array form (`COPY ["a b", "/dst/"]`), or returns null. */
function jsonArray(args: string): string[] | null {
  if (!args.trimStart().startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(args);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  } catch {
    return null;
  }
}

/** copyArgs reads a COPY or ADD, or returns null when it has fewer than two arguments. */
export function copyArgs(ins: Instruction): CopyArgs | null {
  const words = ins.exec ?? jsonArray(ins.args) ?? ins.words.map(unquote);
  if (words.length < 2) return null;
  const out: CopyArgs = { sources: words.slice(0, -1), dest: words[words.length - 1]! };
  const from = ins.flags.find((f) => f.name === 'from');
  if (from?.value != null) out.from = from.value;
  return out;
}

/** isBroadSource is true for a source that sends the whole context directory: `.`, `./`, `*`, `./*`. */
export function isBroadSource(src: string): boolean {
  return /^(\.\/?|\.?\/?\*|\.\/\.)$/.test(src);
}

/** isBroadCopy is true for a COPY/ADD from the build context whose sources include `.` or `*`. */
export function isBroadCopy(ins: Instruction): boolean {
  if (ins.kind !== 'COPY' && ins.kind !== 'ADD') return false;
  const args = copyArgs(ins);
  return args !== null && args.from === undefined && args.sources.some(isBroadSource);
}

/** isUrl is true for an http(s) source of ADD. */
export function isUrl(src: string): boolean {
  return /^https?:\/\//i.test(src);
}

/**
 * createdPaths lists the absolute paths a COPY/ADD creates: the destination itself for one
 * source copied to a non-directory destination or a directory's contents, else each source's
 * basename under it.
 * Heredoc sources (`<<EOF`) count as files named by the destination.
 */
export function createdPaths(args: CopyArgs, workdir: string): { path: string; source: string }[] {
  const dest = resolve(workdir, args.dest);
  const intoDir = args.dest.endsWith('/') || args.sources.length > 1;
  return args.sources.map((source) => {
    // A directory source (`.`, `dir/`) copies its contents, so the destination is what it creates.
    if (!intoDir || source.startsWith('<<') || source.endsWith('/') || source.endsWith('.')) {
      return { path: dest, source };
    }
    const name = isUrl(source) ? basename(source.replace(/[?#].*$/, '')) : basename(source);
    return { path: resolve(dest, name), source };
  });
}
