/** DL3016: pin versions in `npm install`. */
import { argsNoFlags, cmdHasArgs } from '../helpers.js';
import { commandRule } from '../rule-kit.js';

function pinned(p: string): boolean {
  if (['git://', 'git+ssh://', 'git+http://', 'git+https://'].some((s) => p.startsWith(s)))
    return p.includes('#');
  if (['.tar', '.tar.gz', '.tgz'].some((s) => p.endsWith(s))) return true;
  if (['/', './', '../', '~/'].some((s) => p.startsWith(s))) return true;
  const unscoped = p.startsWith('@') ? p.slice(p.indexOf('/') + 1) : p;
  return unscoped.includes('@');
}

/** dl3016 flags `npm install <pkg>` without a version (bare `npm install` passes). */
export const dl3016 = commandRule(
  {
    id: 'DL3016',
    severity: 'warning',
    description:
      'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`',
  },
  (cmd) => {
    if (!cmdHasArgs(cmd, 'npm', ['install'])) return false;
    const args = argsNoFlags(cmd);
    if (args[0] !== 'install') return false;
    return !args
      .slice(1)
      .filter((a) => a !== 'install')
      .every(pinned);
  },
);
