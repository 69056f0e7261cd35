/** DL3004: do not use sudo in RUN. */
import { commandRule } from '../rule-kit.js';

/** dl3004 flags `sudo` commands. */
export const dl3004 = commandRule(
  {
    id: 'DL3004',
    severity: 'error',
    description:
      'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root',
  },
  (cmd) => cmd.name === 'sudo',
);
