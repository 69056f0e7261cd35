/**
 * Maps a thrown value to what the user sees and the exit code: a StowageError is the user's
 * problem (exit 2, one line plus its hint), anything else is a bug (exit 3, a request to report
 * it). Stacks and causes appear only with --debug.
 */
import { isStowageError } from '../index.js';
import { escapeControls, terminalSafe } from '../report/format/escape.js';
import { ExitCode } from './exit-codes.js';
import type { OutStream } from './io.js';

function causeChain(e: unknown): string {
  let out = '';
  let cause = e instanceof Error ? e.cause : undefined;
  while (cause !== undefined) {
    out += `caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return out;
}

/** reportError writes the error to `stderr` and returns the exit code to use. */
export function reportError(e: unknown, stderr: OutStream, debug: boolean): number {
  if (isStowageError(e) && e.code !== 'INTERNAL') {
    const hint = e.hint;
    const message =
      hint !== undefined && e.message.endsWith(`; ${hint}`)
        ? e.message.slice(0, -hint.length - 2)
        : e.message;
    stderr.write(`stowage: error: ${escapeControls(message)}\n`);
    if (hint !== undefined) stderr.write(`stowage: hint: ${escapeControls(hint)}\n`);
    if (debug) stderr.write(terminalSafe(`[${e.code}] ${e.stack ?? ''}\n${causeChain(e)}`));
    return ExitCode.usage;
  }
  const message = e instanceof Error ? e.message : String(e);
  stderr.write(`stowage: internal error: ${escapeControls(message)}\n`);
  stderr.write(
    debug
      ? terminalSafe(`${e instanceof Error ? (e.stack ?? '') : ''}\n${causeChain(e)}`)
      : 'stowage: this is a bug in stowage; please report it with the output of the same command run with --debug\n',
  );
  if (debug) stderr.write('stowage: this is a bug in stowage; please report it with the output above\n');
  return ExitCode.internal;
}
