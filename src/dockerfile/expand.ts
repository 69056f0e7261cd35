/**
 * ARG/ENV variable expansion as the builder does it (`$V`, `${V}`, `${V:-x}`, `${V-x}`, `${V:+x}`,
 * `${V+x}`), and the variables in scope at an instruction (global ARGs reach FROM lines only, unless
 * a stage re-declares them with `ARG NAME`).
 */
import { keyValues } from './key-values.js';
import type { Instruction, ParsedDockerfile } from './model.js';

/** Lookup returns a variable's value, or undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;

/** expandVariables substitutes variables in `text`; `\$` (escape `esc`) keeps a literal `$`. */
export function expandVariables(text: string, lookup: Lookup, esc = '\\'): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === esc && text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close === -1) {
        out += text.slice(i);
        break;
      }
      out += expandBraced(text.slice(i + 2, close), lookup);
      i = close;
      continue;
    }
    const m = /^[A-Za-z_]\w*/.exec(text.slice(i + 1));
    if (m === null) {
      out += c;
      continue;
    }
    out += lookup(m[0]) ?? '';
    i += m[0].length;
  }
  return out;
}

function expandBraced(inner: string, lookup: Lookup): string {
  const m = /^([A-Za-z_]\w*)(?:(:?[-+])(.*))?$/s.exec(inner);
  if (m === null) return '';
  const value = lookup(m[1]!);
  const op = m[2];
  const word = m[3] ?? '';
  if (op === undefined) return value ?? '';
  const set = op.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  if (op.endsWith('-')) return set ? value! : expandVariables(word, lookup);
  return set ? expandVariables(word, lookup) : '';
}

/** globalArgValues are the ARGs before the first FROM with their defaults, overridden by `buildArgs`. */
export function globalArgValues(
  df: ParsedDockerfile,
  buildArgs: Record<string, string> = {},
): Map<string, string | undefined> {
  const vars = new Map<string, string | undefined>();
  for (const ins of df.globalArgs) {
    for (const { key, value } of keyValues(ins)) {
      const lookup: Lookup = (n) => vars.get(n);
      vars.set(
        key,
        buildArgs[key] ?? (value === undefined ? undefined : expandVariables(value, lookup, df.escape)),
      );
    }
  }
  return vars;
}

/**
 * scopeAt returns the ARG and ENV values visible to `target` (a stage instruction): ARGs declared
 * in the stage (a bare `ARG NAME` takes the global value) and ENVs, in order, before `target`.
 */
export function scopeAt(
  df: ParsedDockerfile,
  target: Instruction,
  buildArgs: Record<string, string> = {},
): Map<string, string | undefined> {
  const globals = globalArgValues(df, buildArgs);
  if (target.stageIndex < 0 || target.kind === 'FROM') return globals;
  const vars = new Map<string, string | undefined>();
  const stage = df.stages[target.stageIndex];
  for (const ins of stage?.instructions ?? []) {
    if (ins === target) break;
    if (ins.kind !== 'ARG' && ins.kind !== 'ENV') continue;
    for (const { key, value } of keyValues(ins)) {
      const lookup: Lookup = (n) => vars.get(n);
      if (ins.kind === 'ARG') {
        const fallback = value === undefined ? globals.get(key) : expandVariables(value, lookup, df.escape);
        vars.set(key, buildArgs[key] ?? fallback);
      } else {
        vars.set(key, expandVariables(value ?? '', lookup, df.escape));
      }
    }
  }
  return vars;
}
