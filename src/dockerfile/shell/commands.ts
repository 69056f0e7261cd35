/**
 * Turns lexer tokens into the simple-command list rules read: names, args, the operators around
 * each command, pipelines, and nesting (subshells, groups, if/for/while/case bodies, `$(…)`).
 */
import type { Position, Span } from '../model.js';
import { lex, type Token } from './lexer.js';
import type { ShellOperator, ShellWord, SimpleCommand } from './model.js';

/** PosAt maps a script offset to a Dockerfile position. */
export type PosAt = (offset: number) => Position;

const OPENERS = new Set(['if', 'while', 'until', '{', 'then', 'do', 'else', 'elif', '!']);
const CLOSERS = new Set(['fi', 'done', '}', 'esac']);
const JOINERS = new Set(['&&', '||', ';', '|', '|&', '&', '\n', ';;']);
const REDIRECTS = new Set(['>>', '<<-', '<<<', '<<', '>&', '<&', '<>', '>|', '<', '>']);

interface Ctx {
  posAt: PosAt;
  statementOf: (offset: number) => number;
  out: SimpleCommand[];
}

/**
 * simpleCommands lists every simple command in `src` in source order; `posAt` maps script offsets
 * to Dockerfile positions and `statementOf` maps an offset to sh-syntax's top-level statement index.
 */
export function simpleCommands(
  src: string,
  posAt: PosAt,
  statementOf: (offset: number) => number,
): SimpleCommand[] {
  const ctx: Ctx = { posAt, statementOf, out: [] };
  walk(src, 0, 0, false, ctx);
  // Substitutions are walked while their command is built: restore source order.
  return ctx.out.sort(
    (a, b) => a.span.start.line - b.span.start.line || a.span.start.column - b.span.start.column,
  );
}

function walk(src: string, base: number, depth0: number, inSub0: boolean, ctx: Ctx): void {
  const tokens = lex(src);
  let depth = depth0;
  const subshellDepths: number[] = [];
  let cur: Token[] = [];
  let before: ShellOperator | null = null;
  let pipeIndex = 0;
  let negated = false;
  let skipUntil: string | null = null; // `for x in …` / `case … in` headers
  let inCase = 0;
  let casePattern = false;

  const flush = (after: ShellOperator | null): void => {
    if (cur.length === 0) return;
    const cmd = build(cur, base, depth, inSub0 || subshellDepths.length > 0, ctx);
    cmd.before = before;
    cmd.after = after;
    cmd.negated = negated;
    cmd.pipelineIndex = pipeIndex;
    cmd.inPipeline = pipeIndex > 0 || after === '|' || after === '|&';
    ctx.out.push(cmd);
    cur = [];
    negated = false;
  };

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const atStart = cur.length === 0;
    if (skipUntil !== null) {
      if (t.kind === 'word' && t.value === skipUntil) {
        if (skipUntil === 'in' && inCase > 0) casePattern = true;
        skipUntil = null;
      }
      continue;
    }
    if (casePattern) {
      if (t.kind === 'word' && t.value === 'esac') {
        casePattern = false;
        inCase--;
        depth--;
      } else if (t.kind === 'op' && t.op === ')') casePattern = false;
      continue;
    }
    if (t.kind === 'word' && atStart) {
      if (t.value === 'for' || t.value === 'select') {
        skipUntil = 'do';
        depth++;
        continue;
      }
      if (t.value === 'case') {
        skipUntil = 'in';
        inCase++;
        depth++;
        continue;
      }
      if (t.value === '!') {
        negated = true;
        continue;
      }
      if (OPENERS.has(t.value)) {
        if (t.value === 'if' || t.value === 'while' || t.value === 'until' || t.value === '{') depth++;
        before = null;
        continue;
      }
      if (CLOSERS.has(t.value)) {
        depth--;
        if (t.value === 'esac') inCase--;
        continue;
      }
    }
    if (t.kind === 'word') {
      cur.push(t);
      continue;
    }
    if (REDIRECTS.has(t.op)) {
      cur.push(t);
      const target = tokens[k + 1];
      if (target?.kind === 'word') {
        cur.push(target);
        k++;
      }
      continue;
    }
    if (t.op === '(') {
      if (cur.length > 0) {
        // `name() { … }` — a function definition: drop the name, the body follows as a group.
        cur = [];
        if (tokens[k + 1]?.kind === 'op') k++;
        continue;
      }
      subshellDepths.push(depth);
      depth++;
      continue;
    }
    if (t.op === ')') {
      flush(null);
      if (subshellDepths.length > 0) depth = subshellDepths.pop()!;
      continue;
    }
    if (JOINERS.has(t.op)) {
      const op = (t.op === ';;' ? ';' : t.op) as ShellOperator;
      flush(op);
      if (t.op === ';;' && inCase > 0) casePattern = true;
      pipeIndex = op === '|' || op === '|&' ? pipeIndex + 1 : 0;
      before = op;
    }
  }
  flush(null);
}

function build(toks: Token[], base: number, depth: number, inSubshell: boolean, ctx: Ctx): SimpleCommand {
  const assignments: string[] = [];
  const redirects: string[] = [];
  const words: ShellWord[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.kind === 'op') {
      const target = toks[k + 1];
      redirects.push(t.op + (target?.kind === 'word' ? target.value : ''));
      k++;
      continue;
    }
    // A fd number directly before a redirection (`2>&1`) belongs to the redirection.
    const next = toks[k + 1];
    if (/^\d+$/.test(t.raw) && next?.kind === 'op' && next.start === t.end) continue;
    for (const s of t.substitutions) walk(s.text, base + s.offset, depth + 1, true, ctx);
    if (words.length === 0 && /^[A-Za-z_]\w*\+?=/.test(t.raw)) {
      assignments.push(t.value);
      continue;
    }
    words.push({ raw: t.raw, value: t.value, span: spanOf(base + t.start, base + t.end, ctx.posAt) });
  }
  const first = toks[0]!;
  const last = toks[toks.length - 1]!;
  return {
    name: words[0]?.value ?? '',
    args: words.slice(1).map((w) => w.value),
    words,
    assignments,
    redirects,
    span: spanOf(base + first.start, base + last.end, ctx.posAt),
    statement: ctx.statementOf(base + first.start),
    before: null,
    after: null,
    inPipeline: false,
    pipelineIndex: 0,
    depth,
    inSubshell,
    negated: false,
  };
}

function spanOf(start: number, end: number, posAt: PosAt): Span {
  const last = posAt(Math.max(start, end - 1));
  return { start: posAt(start), end: { line: last.line, column: last.column + 1 } };
}
