/**
 * Helpers for reading a simple command the way the shell runs it: wrappers such as `sudo` and
 * `env` skipped, the program's basename, and its operands with options (and their values) removed.
 */
import type { SimpleCommand } from '../../../../dockerfile/shell/model.js';

/** Invocation is a command after wrappers were skipped: the program's basename and its arguments. */
export interface Invocation {
  name: string;
  args: string[];
}

const WRAPPERS = new Set(['sudo', 'env', 'nice', 'nohup', 'time', 'command', 'exec']);

/** basename returns the last path component (`/usr/bin/apt-get` → `apt-get`). */
export function basename(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  const i = trimmed.lastIndexOf('/');
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}

/**
 * invocation unwraps `sudo`, `env K=V`, `nice`… and `python -m pip` (→ `pip`), returning the program
 * actually run with its arguments.
 */
export function invocation(cmd: SimpleCommand): Invocation {
  let name = basename(cmd.name);
  let args = cmd.args;
  while (WRAPPERS.has(name) && args.length > 0) {
    let k = 0;
    while (k < args.length && (args[k]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[k]!))) k++;
    if (k >= args.length) break;
    name = basename(args[k]!);
    args = args.slice(k + 1);
  }
  if (/^python[0-9.]*$/.test(name) && args[0] === '-m' && args[1] !== undefined) {
    name = args[1];
    args = args.slice(2);
  }
  return { name, args };
}

/**
 * operands returns the arguments that are not options: words starting with `-` are dropped, and so
 * is the word after an option listed in `valued` (e.g. `-o`, `--virtual`) unless written `--opt=v`.
 */
export function operands(args: readonly string[], valued: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--') {
      out.push(...args.slice(k + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      if (valued.includes(a)) k++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** hasFlag is true when `args` hold one of `names` exactly, or as `--name=value`. */
export function hasFlag(args: readonly string[], ...names: string[]): boolean {
  return args.some((a) => names.some((n) => a === n || (n.startsWith('--') && a.startsWith(`${n}=`))));
}

/** hasShortFlag is true when a single-dash bundle (`-Rf`, `-hR`) contains the letter `letter`. */
export function hasShortFlag(args: readonly string[], letter: string): boolean {
  return args.some((a) => /^-[A-Za-z]+$/.test(a) && a.slice(1).includes(letter));
}
