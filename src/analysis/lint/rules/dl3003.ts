/** DL3003: use WORKDIR instead of `cd` in RUN. */
import { commandRule } from '../rule-kit.js';

/** dl3003 flags every `cd` command in a RUN. */
export const dl3003 = commandRule(
  { id: 'DL3003', severity: 'warning', description: 'Use WORKDIR to switch to a directory' },
  (cmd) => cmd.name === 'cd',
);
