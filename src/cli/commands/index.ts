/**
 * The command registry: add a command by adding its file under commands/ and one line here.
 */
import type { Command } from '../command.js';
import { inspectCommand } from './inspect.js';
import { layersCommand } from './layers.js';
import { lintCommand } from './lint.js';
import { pullCommand } from './pull.js';
import { cacheCommand } from './cache.js';

/** COMMANDS lists every subcommand in help order. */
export const COMMANDS: readonly Command[] = [inspectCommand, layersCommand, lintCommand, pullCommand, cacheCommand];
