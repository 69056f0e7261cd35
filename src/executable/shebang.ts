/**
 * Shebang lines: `#!INTERPRETER [ARG]` as the kernel reads them (one optional argument, the rest of
 * the line), and `#!/usr/bin/env [-S] NAME …`, where NAME is looked up on PATH at run time.
 */

/** Shebang is what a script's first line asks to run it with. */
export interface Shebang {
  interpreter: string;
  /** the single argument the kernel passes, if any */
  arg?: string;
  /** for `/usr/bin/env NAME`: the command env looks up on PATH */
  envCommand?: string;
}

/** parseShebang reads the `#!` line at the start of `buf`, or returns undefined. */
export function parseShebang(buf: Uint8Array): Shebang | undefined {
  if (buf.length < 3 || buf[0] !== 0x23 || buf[1] !== 0x21) return undefined;
  const end = buf.indexOf(0x0a);
  const line = Buffer.from(buf.subarray(2, end < 0 ? Math.min(buf.length, 256) : end))
    .toString('utf8')
    .replace(/\r$/, '')
    .trim();
  const m = /^(\S+)(?:\s+(.*))?$/.exec(line);
  if (m === null) return undefined;
  const out: Shebang = { interpreter: m[1] as string };
  const arg = m[2]?.trim();
  if (arg !== undefined && arg !== '') out.arg = arg;
  if (out.interpreter.endsWith('/env') && arg !== undefined) {
    const name = arg.split(/\s+/).find((w) => !w.startsWith('-') && !w.includes('='));
    if (name !== undefined) out.envCommand = name;
  }
  return out;
}
