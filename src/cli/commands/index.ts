/**
 * The command registry: add a command by adding its file under commands/ and one line here.
 */
import type { Command } from '../command.js';
import { inspectCommand } from './inspect.js';
import { lintCommand } from './lint.js';

/** COMMANDS lists every subcommand in help order. */
export const COMMANDS: readonly Command[] = [inspectCommand, lintCommand];
