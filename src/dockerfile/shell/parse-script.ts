/**
 * parseScript: one RUN script through sh-syntax (mvdan/sh as WASM, compiled once on first use)
 * for validity and top-level statement bounds, then through our lexer for the simple commands.
 */
import { LangVariant } from 'sh-syntax';
import { simpleCommands, type PosAt } from './commands.js';
import type { ShellScript } from './model.js';
import { shParse } from './sh-parser.js';

/**
 * parseScript parses `source` (bash dialect, as ShellCheck does for hadolint) and lists its simple
 * commands; `posAt` maps script offsets (UTF-16 code units) to Dockerfile positions. A syntax
 * error does not throw: it is returned in `error` and the commands are still listed best-effort.
 */
export async function parseScript(
  source: string,
  origin: ShellScript['origin'],
  posAt: PosAt,
): Promise<ShellScript> {
  const starts: number[] = [];
  let error: ShellScript['error'];
  try {
    const file = await shParse(source, { variant: LangVariant.LangBash, keepComments: false });
    const toChar = byteToCharOffsets(source);
    for (const st of file.Stmts) starts.push(toChar(st.Pos.Offset));
  } catch (e) {
    const err = e as { Text?: string; message?: string; Pos?: { Line: number; Col: number } };
    error = {
      message: err.Text ?? err.message ?? String(e),
      line: err.Pos?.Line ?? 0,
      column: err.Pos?.Col ?? 0,
    };
  }
  const statementOf = (offset: number): number => {
    let idx = 0;
    for (let k = 0; k < starts.length; k++) if (starts[k]! <= offset) idx = k;
    return idx;
  };
  const script: ShellScript = { source, origin, commands: simpleCommands(source, posAt, statementOf) };
  if (error !== undefined) script.error = error;
  return script;
}

/** byteToCharOffsets maps UTF-8 byte offsets (sh-syntax's) to string indices. */
function byteToCharOffsets(s: string): (byteOffset: number) => number {
  if (Buffer.byteLength(s) === s.length) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    const len = Buffer.byteLength(String.fromCodePoint(cp));
    for (let k = 0; k < len; k++) map.push(i);
    if (cp > 0xffff) i++;
  }
  return (b) => map[b] ?? s.length;
}
