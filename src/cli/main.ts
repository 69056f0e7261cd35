#!/usr/bin/env node
/**
 * The `stowage` executable: runs the CLI on the process's arguments and sets the exit code
 * (without process.exit, so piped output is flushed).
 */
import { processIo } from './io.js';
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
