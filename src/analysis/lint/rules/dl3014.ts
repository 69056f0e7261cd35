/** DL3014: use `-y` with `apt-get install`. */
import { cmdHasArgs, hasFlag } from '../helpers.js';
import { commandRule } from '../rule-kit.js';

/** dl3014 flags `apt-get install` without -y/--yes/-q/--assume-yes. */
export const dl3014 = commandRule(
  {
    id: 'DL3014',
    severity: 'warning',
    description: 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`',
  },
  (cmd) => cmdHasArgs(cmd, 'apt-get', ['install']) && !hasFlag(cmd, 'y', 'yes', 'q', 'assume-yes'),
);
