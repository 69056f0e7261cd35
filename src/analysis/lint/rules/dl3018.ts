/** DL3018: pin versions in `apk add`. */
import { argsNoFlags, cmdHasArgs } from '../helpers.js';
import { commandRule } from '../rule-kit.js';

/** dl3018 flags `apk add` with a package lacking `=`/`~` version (local .apk files pass). */
export const dl3018 = commandRule(
  {
    id: 'DL3018',
    severity: 'warning',
    description: 'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`',
  },
  (cmd) =>
    cmdHasArgs(cmd, 'apk', ['add']) &&
    argsNoFlags(cmd, ['t', 'virtual', 'repository', 'X'])
      .filter((a) => a !== 'add')
      .some((p) => !p.includes('=') && !p.includes('~') && !p.endsWith('.apk')),
);
