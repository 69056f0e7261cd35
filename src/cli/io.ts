/**
 * CliIo: the streams and environment the CLI talks to, passed in so tests can capture output and
 * pretend to be a terminal.
 */

/** OutStream is the part of a writable stream the CLI uses. */
export interface OutStream {
  /** write takes text, or raw bytes (`stowage cat`); false asks the writer to wait for 'drain' */
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
  /** once lets a writer of many bytes wait for 'drain' (a real stream has it) */
  once?(event: 'drain', listener: () => void): unknown;
}

/** CliIo is everything the CLI reads from or writes to outside its arguments. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
}

/** processIo is the real process's streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** colorEnabled: colour only on a terminal, without NO_COLOR (any non-empty value) and --no-color. */
export function colorEnabled(io: CliIo, noColorFlag: boolean): boolean {
  const noColorEnv = io.env.NO_COLOR;
  return io.stdout.isTTY === true && (noColorEnv === undefined || noColorEnv === '') && !noColorFlag;
}
