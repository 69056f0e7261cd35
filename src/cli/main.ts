#!/usr/bin/env node
/**
 * The `stowage` executable: runs the CLI on the process's arguments and sets the exit code
 * (without process.exit, so piped output is flushed). On SIGINT, SIGTERM or SIGHUP it removes
 * its temporary files (spools, half-written files) and exits with 128 + the signal number, unless
 * the running command stops itself (see stop-signals.ts).
 */
import { processIo } from './io.js';
import { runCli } from './run.js';
import { installStopSignals } from './stop-signals.js';

installStopSignals();
process.exitCode = await runCli(process.argv.slice(2), processIo());
