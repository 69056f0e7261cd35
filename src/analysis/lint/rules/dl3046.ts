/** DL3046: `useradd -l` with a high UID. */
import { flagsOf, hasFlag } from '../helpers.js';
import { commandRule } from '../rule-kit.js';

/** dl3046 flags `useradd -u <uid over 5 digits>` without -l/--no-log-init. */
export const dl3046 = commandRule(
  {
    id: 'DL3046',
    severity: 'warning',
    description: '`useradd` without flag `-l` and high UID will result in excessively large Image',
  },
  (cmd) => {
    if (cmd.name !== 'useradd' || hasFlag(cmd, 'l', 'no-log-init')) return false;
    const uids = flagsOf(cmd)
      .filter((f) => f.name === 'u' || f.name === 'uid')
      .map((f) => {
        const word = cmd.args[f.index]!;
        return word.includes('=') ? word.split('=')[1]! : (cmd.args[f.index + 1] ?? '');
      });
    return uids.some((u) => u.length > 5);
  },
);
