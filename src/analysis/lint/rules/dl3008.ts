/** DL3008: pin versions in `apt-get install`. */
import { argsNoFlags, cmdHasArgs } from '../helpers.js';
import { commandRule } from '../rule-kit.js';

/** dl3008 flags `apt-get install` with a package lacking `=version` (paths and .deb files pass). */
export const dl3008 = commandRule(
  {
    id: 'DL3008',
    severity: 'warning',
    description:
      'Pin versions in apt get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`',
  },
  (cmd) =>
    cmdHasArgs(cmd, 'apt-get', ['install']) &&
    argsNoFlags(cmd, ['t', 'target-release'])
      .filter((a) => a !== 'install')
      .some((p) => !p.includes('=') && !p.includes('/') && !p.endsWith('.deb')),
);
