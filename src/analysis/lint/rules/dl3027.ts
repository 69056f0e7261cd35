/** DL3027: use apt-get or apt-cache, not apt. */
import { commandRule } from '../rule-kit.js';

/** dl3027 flags the `apt` command. */
export const dl3027 = commandRule(
  {
    id: 'DL3027',
    severity: 'warning',
    description: 'Do not use apt as it is meant to be a end-user tool, use apt-get or apt-cache instead',
  },
  (cmd) => cmd.name === 'apt',
);
