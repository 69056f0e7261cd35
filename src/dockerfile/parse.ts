/**
 * parseDockerfile: dockerfile-ast finds the instructions and their keywords; this wrapper rebuilds
 * what the builder actually sees, where dockerfile-ast's view is incomplete:
 * - directives are read only from the file's top (dockerfile-ast also takes them after comments);
 * - each instruction's logical line is rebuilt with an offset→position map (escape + newline
 *   removed, comment lines and empty lines inside a continuation dropped), so shell commands get
 *   exact Dockerfile positions;
 * - heredocs: quoted delimiters, `<<-` tab stripping and the bodies (dockerfile-ast gives ranges only);
 * - exec form only when the arguments are a valid JSON string array (dockerfile-ast marks
 *   `['a']` as JSON because of its bracket);
 * - flags are taken from every instruction as BuildKit does; ONBUILD triggers are parsed fully;
 * - RUN scripts go through sh-syntax plus our lexer (see shell/parse-script.ts).
 */
import { DockerfileParser } from 'dockerfile-ast';
import { readDirectives } from './directives.js';
import { globalArgValues, expandVariables } from './expand.js';
import { parseImageRef } from './from-image.js';
import { heredocOpeners, readHeredocBodies } from './heredocs.js';
import type { Comment, Flag, Heredoc, Instruction, ParsedDockerfile, Position, Stage } from './model.js';
import { parseScript } from './shell/parse-script.js';
import type { ShellScript } from './shell/model.js';
import { splitWords } from './words.js';

/** ParseOptions tune expansion of FROM references. */
export interface ParseOptions {
  /** buildArgs override ARG defaults, like `--build-arg`. */
  buildArgs?: Record<string, string>;
}

/** LogicalLine is an instruction's joined text with the Dockerfile position of every character. */
interface LogicalLine {
  text: string;
  map: Position[];
  endLine: number;
  commentLines: number[];
}

const FORM_KINDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);
const HEREDOC_KINDS = new Set(['RUN', 'COPY', 'ADD']);
const SHELLS = /^#!\s*\S*\/(?:env\s+)?(?:sh|bash|ash|dash|zsh|ksh)\b/;

/** parseDockerfile parses `text` into the model in ./model.ts. It does not throw on bad input. */
export async function parseDockerfile(text: string, opts: ParseOptions = {}): Promise<ParsedDockerfile> {
  const lines = text.split(/\r?\n/);
  const { directives, escape, problems } = readDirectives(lines);
  const ast = DockerfileParser.parse(text);
  if (ast.getEscapeCharacter() !== escape) {
    problems.push({
      message: `escape directive not at the top of the file is ignored by the builder`,
      span: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    });
  }
  const instructions: Instruction[] = [];
  const commentLines = new Set<number>();
  const covered = new Set<number>();
  let consumedUpTo = -1;
  for (const node of ast.getInstructions()) {
    const kwRange = node.getInstructionRange();
    // dockerfile-ast may report a line we already consumed as a heredoc body: skip it.
    if (kwRange.start.line <= consumedUpTo) continue;
    const logical = joinLogical(lines, kwRange.end.line, kwRange.end.character, escape);
    const keyword = node.getInstruction();
    const ins = buildInstruction(keyword, logical.text, logical.map, {
      line: kwRange.start.line + 1,
      column: kwRange.start.character + 1,
    });
    let lastLine = logical.endLine;
    const host = ins.trigger ?? ins;
    if (HEREDOC_KINDS.has(host.kind)) {
      const openers = heredocOpeners(splitWords(host.args));
      if (openers.length > 0) {
        const read = readHeredocBodies(lines, logical.endLine + 1, openers);
        host.heredocs = read.heredocs;
        lastLine = read.lastLine;
        if (read.unterminated !== undefined) {
          problems.push({ message: `heredoc ${read.unterminated} is never closed`, span: ins.span });
        }
      }
    }
    ins.span.end = { line: lastLine + 1, column: (lines[lastLine] ?? '').length + 1 };
    ins.raw = lines.slice(kwRange.start.line, lastLine + 1).join('\n');
    if (host !== ins) host.span = ins.span;
    for (let l = kwRange.start.line; l <= lastLine; l++) covered.add(l);
    for (const l of logical.commentLines) commentLines.add(l);
    consumedUpTo = lastLine;
    instructions.push(ins);
  }
  const comments = collectComments(lines, covered, commentLines, directives.length);
  const df: ParsedDockerfile = {
    text,
    escape,
    directives,
    instructions,
    globalArgs: [],
    stages: [],
    comments,
    problems,
  };
  assignStages(df, opts);
  for (const ins of instructions) {
    const run = ins.trigger ?? ins;
    if (run.kind === 'RUN' && run.form === 'shell') run.shell = await runScripts(run, ins);
  }
  return df;
}

/**
 * joinLogical joins an instruction's continuation lines from (line, column) 0-based, as BuildKit
 * does: a trailing escape (plus blanks) continues the line; inside a continuation, comment lines
 * and empty lines are skipped.
 */
function joinLogical(lines: string[], line: number, column: number, escape: string): LogicalLine {
  const cont = new RegExp(`${escape === '`' ? '`' : '\\\\'}[ \\t]*$`);
  let text = '';
  const map: Position[] = [];
  const commentLines: number[] = [];
  let l = line;
  let col = column;
  for (; l < lines.length; l++, col = 0) {
    let content = lines[l]!.slice(col);
    if (l > line) {
      if (/^\s*#/.test(content)) {
        commentLines.push(l);
        continue;
      }
      if (content.trim() === '') continue;
    }
    const m = cont.exec(content);
    if (m !== null) content = content.slice(0, m.index);
    for (let k = 0; k < content.length; k++) map.push({ line: l + 1, column: col + k + 1 });
    text += content;
    if (m === null) break;
  }
  const endLine = Math.min(l, lines.length - 1);
  map.push({ line: endLine + 1, column: (lines[endLine] ?? '').length + 1 });
  return { text, map, endLine, commentLines };
}

/** buildInstruction builds an Instruction from its keyword and logical argument text. */
function buildInstruction(keyword: string, rest: string, map: Position[], start: Position): Instruction {
  const kind = keyword.toUpperCase();
  const words = splitWords(rest);
  const flags: Flag[] = [];
  let k = 0;
  for (; k < words.length; k++) {
    const w = words[k]!;
    if (!w.text.startsWith('--') || w.text === '--') break;
    const eq = w.text.indexOf('=');
    flags.push({
      name: eq === -1 ? w.text.slice(2) : w.text.slice(2, eq),
      value: eq === -1 ? null : w.text.slice(eq + 1),
      span: { start: map[w.start]!, end: after(map, w.end) },
    });
  }
  const argStart = words[k]?.start ?? rest.length;
  const args = rest.slice(argStart).trim();
  const argMap = map.slice(argStart);
  const ins: Instruction = {
    kind,
    keyword,
    span: { start, end: after(map, rest.length) },
    raw: '',
    flags,
    args,
    words: words.slice(k).map((w) => w.text),
    form: 'none',
    heredocs: [],
    stageIndex: -1,
  };
  if (FORM_KINDS.has(kind) || (kind === 'HEALTHCHECK' && /^CMD\b/i.test(args))) {
    const body = kind === 'HEALTHCHECK' ? args.slice(3).trim() : args;
    const exec = parseExecForm(body);
    ins.form = exec === undefined ? 'shell' : 'exec';
    if (exec !== undefined) ins.exec = exec;
  }
  if (kind === 'ONBUILD') {
    const first = splitWords(args)[0];
    if (first !== undefined) {
      // words[k] starts on a non-blank, so `args` begins at argStart.
      const cut = argStart + first.end;
      ins.trigger = buildInstruction(first.text, rest.slice(cut), map.slice(cut), map[argStart]!);
    }
  }
  posMaps.set(ins, { text: rest.slice(argStart), map: argMap });
  return ins;
}

/** posMaps keeps each instruction's argument text and position map for the script parser. */
const posMaps = new WeakMap<Instruction, { text: string; map: Position[] }>();

function after(map: Position[], end: number): Position {
  const p = map[Math.max(0, end - 1)] ?? { line: 1, column: 0 };
  return { line: p.line, column: p.column + 1 };
}

/** parseExecForm decodes a JSON array of strings, or returns undefined (then it is shell form). */
function parseExecForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(args);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // Not JSON: the builder runs it in shell form.
  }
  return undefined;
}

/**
 * runScripts builds the scripts a shell-form RUN executes. `RUN <<EOF` alone runs the body as the
 * script (a non-shell `#!` body is not parsed); otherwise BuildKit runs the command line with each
 * heredoc body and delimiter appended, as the shell would read a heredoc.
 */
async function runScripts(run: Instruction, outer: Instruction): Promise<ShellScript[]> {
  const pm = posMaps.get(run) ?? posMaps.get(outer);
  if (pm === undefined) return [];
  const docs = run.heredocs;
  const only = docs.length === 1 && /^\d*<<-?\S+$/.test(run.args) ? docs[0] : undefined;
  if (only !== undefined) {
    if (only.body.startsWith('#!') && !SHELLS.test(only.body)) return [];
    return [await parseScript(only.body, 'heredoc', bodyPosAt(only))];
  }
  let source = run.args;
  const map = pm.map.slice(0, run.args.length);
  for (const d of docs) {
    const piece = `\n${d.body}${d.delimiter}`;
    const bodyPos = bodyPosAt(d);
    for (let k = 0; k < piece.length; k++) map.push(k === 0 ? after(map, map.length) : bodyPos(k - 1));
    source += piece;
  }
  return [
    await parseScript(
      source,
      'shell-form',
      (o) => map[Math.min(o, map.length - 1)] ?? { line: run.span.start.line, column: 1 },
    ),
  ];
}

/** bodyPosAt maps offsets in a heredoc body (tabs already stripped) to approximate positions. */
function bodyPosAt(d: Heredoc): (offset: number) => Position {
  const starts = [0];
  for (let k = 0; k < d.body.length; k++) if (d.body[k] === '\n') starts.push(k + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    return { line: d.bodyStartLine + line, column: offset - starts[line]! + 1 };
  };
}

function collectComments(
  lines: string[],
  covered: Set<number>,
  inside: Set<number>,
  skip: number,
): Comment[] {
  const out: Comment[] = [];
  for (let l = skip; l < lines.length; l++) {
    const line = lines[l]!;
    if (!/^\s*#/.test(line) || (covered.has(l) && !inside.has(l))) continue;
    out.push({ text: line.trim().slice(1).trim(), line: l + 1, inInstruction: inside.has(l) });
  }
  return out;
}

/** assignStages groups instructions into stages and resolves FROM references. */
function assignStages(df: ParsedDockerfile, opts: ParseOptions): void {
  let stage: Stage | undefined;
  for (const ins of df.instructions) {
    if (ins.kind === 'FROM') {
      const args = globalArgValues(df, opts.buildArgs);
      const words = ins.words;
      const raw = words[0] ?? '';
      const expanded = expandVariables(raw, (n) => args.get(n), df.escape);
      const platform = ins.flags.find((f) => f.name === 'platform')?.value ?? undefined;
      stage = { index: df.stages.length, from: parseImageRef(raw, expanded, platform), instructions: [] };
      if (words.length >= 3 && words[1]!.toUpperCase() === 'AS') stage.alias = words[2]!.toLowerCase();
      const base = df.stages.find((s) => s.alias !== undefined && s.alias === expanded.toLowerCase());
      if (base !== undefined) stage.fromStage = base.index;
      df.stages.push(stage);
    }
    if (stage === undefined) {
      if (ins.kind === 'ARG') df.globalArgs.push(ins);
      continue;
    }
    ins.stageIndex = stage.index;
    if (ins.trigger !== undefined) ins.trigger.stageIndex = stage.index;
    stage.instructions.push(ins);
  }
}
