/**
 * Progress: one self-overwriting status line on stderr ("reading layer 3/7 …"), only when stderr
 * is a terminal; elsewhere every call is a no-op so logs and pipes stay clean.
 */
import { escapeControls } from '../report/format/escape.js';
import type { OutStream } from './io.js';

/** Progress shows transient status. */
export interface Progress {
  /** update replaces the status line */
  update(text: string): void;
  /** clear removes the status line (call before printing results or errors) */
  clear(): void;
}

const noProgress: Progress = { update: () => undefined, clear: () => undefined };

/** createProgress writes to `stream` when it is a TTY, and does nothing otherwise. */
export function createProgress(stream: OutStream): Progress {
  if (stream.isTTY !== true) return noProgress;
  let shown = '';
  return {
    update(text) {
      if (text === shown) return;
      shown = text;
      stream.write(`\r${escapeControls(text)}\x1b[K`);
    },
    clear() {
      if (shown === '') return;
      shown = '';
      stream.write('\r\x1b[K');
    },
  };
}
