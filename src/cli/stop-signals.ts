/**
 * Stop signals (SIGINT, SIGTERM, SIGHUP): by default the CLI removes its temporary files and exits
 * with 128 + the signal number; a command that runs until stopped (`explore`) takes them over with
 * whenStopped and ends itself cleanly instead.
 */
import { removeTempsSync } from '../model/temp-files.js';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

let stopper: (() => void) | undefined;

/** installStopSignals sets the default handling; main calls it once. */
export function installStopSignals(): void {
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      if (stopper !== undefined) {
        stopper();
        return;
      }
      removeTempsSync();
      process.exit(128 + number);
    });
  }
  process.once('exit', removeTempsSync);
}

/**
 * whenStopped resolves at the first stop signal, which then does not end the process: the caller
 * finishes its work and returns. Where installStopSignals was not called (a library or test), it
 * listens to SIGINT and SIGTERM itself.
 */
export function whenStopped(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stopper = undefined;
      process.off('SIGINT', own);
      process.off('SIGTERM', own);
      resolve();
    };
    const own = () => done();
    stopper = done;
    if (process.listenerCount('SIGINT') === 0) {
      process.once('SIGINT', own);
      process.once('SIGTERM', own);
    }
  });
}
