/**
 * Decides whether a RUN is expensive to repeat: it installs packages or dependencies, downloads,
 * clones or compiles.
 */
import type { Instruction } from '../../../../dockerfile/model.js';
import { invocation } from './command-line.js';
import { dependencyStep } from './dependency-steps.js';
import { packageChange } from './package-installs.js';
import { runCommands } from './sequences.js';

const COSTLY = new Set([
  'make',
  'cmake',
  'ninja',
  'meson',
  'gcc',
  'g++',
  'cc',
  'clang',
  'curl',
  'wget',
  'rustup',
]);

/** isExpensiveRun is true for a RUN that installs, downloads, clones or compiles. */
export function isExpensiveRun(ins: Instruction): boolean {
  if (ins.kind !== 'RUN') return false;
  if (ins.form === 'exec') return ins.exec !== undefined && COSTLY.has(ins.exec[0] ?? '');
  return runCommands(ins).some((cmd) => {
    const { name, args } = invocation(cmd);
    if (COSTLY.has(name) || (name === 'git' && args[0] === 'clone')) return true;
    if ((name === 'npm' || name === 'yarn' || name === 'pnpm') && args[0] === 'run') return true;
    if ((name === 'pip' || name === 'pip3') && args[0] === 'install') return true;
    return packageChange(cmd)?.action === 'install' || dependencyStep(cmd) !== null;
  });
}
