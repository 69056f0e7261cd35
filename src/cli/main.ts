#!/usr/bin/env node
/**
 * The `stowage` executable: runs the CLI on the process's arguments and sets the exit code
 * (without process.exit, so piped output is flushed). On SIGINT, SIGTERM or SIGHUP it removes
 * its temporary files (spools, half-written files) and exits with 128 + the signal number.
 */
import { removeTempsSync } from '../model/temp-files.js';
import { processIo } from './io.js';
import { runCli } from './run.js';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
for (const [signal, number] of Object.entries(SIGNALS)) {
  process.once(signal, () => {
    removeTempsSync();
    process.exit(128 + number);
  });
}
process.once('exit', removeTempsSync);

process.exitCode = await runCli(process.argv.slice(2), processIo());
