/**
 * The command registry: add a command by adding its file under commands/ and one line here.
 */
import type { Command } from '../command.js';
import { inspectCommand } from './inspect.js';
import { analyzeCommand } from './analyze.js';
import { layersCommand } from './layers.js';
import { wasteCommand } from './waste.js';
import { checkCommand } from './check.js';
import { treeCommand } from './tree.js';
import { traceCommand } from './trace.js';
import { lintCommand } from './lint.js';
import { pullCommand } from './pull.js';
import { cacheCommand } from './cache.js';
import { buildCacheCommand } from './cache-build.js';
import { auditCommand } from './audit.js';
import { diffCommand } from './diff.js';
import { shareCommand } from './share.js';
import { optimizeCommand } from './optimize.js';
import { pushCommand } from './push.js';
import { exploreCommand } from './explore.js';
import { reportCommand } from './report.js';
import { catCommand } from './cat.js';
import { extractCommand } from './extract.js';
import { packagesCommand } from './packages.js';
import { dockerfileCommand } from './dockerfile.js';
import { slimCommand } from './slim.js';

/** COMMANDS lists every subcommand in help order. */
export const COMMANDS: readonly Command[] = [
  analyzeCommand,
  exploreCommand,
  reportCommand,
  inspectCommand,
  layersCommand,
  treeCommand,
  traceCommand,
  catCommand,
  extractCommand,
  packagesCommand,
  dockerfileCommand,
  wasteCommand,
  checkCommand,
  lintCommand,
  auditCommand,
  diffCommand,
  shareCommand,
  optimizeCommand,
  slimCommand,
  pullCommand,
  pushCommand,
  cacheCommand,
  buildCacheCommand,
];
