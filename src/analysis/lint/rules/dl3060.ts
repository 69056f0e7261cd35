/** DL3060: `yarn cache clean` after `yarn install`. */
import { cmdHasArgs } from '../helpers.js';
import { runRule } from '../rule-kit.js';

/** dl3060 flags a RUN with `yarn install` and no `yarn cache clean`. */
export const dl3060 = runRule(
  { id: 'DL3060', severity: 'info', description: '`yarn cache clean` missing after `yarn install` was run' },
  (cmds) =>
    cmds.some((c) => cmdHasArgs(c, 'yarn', ['install'])) &&
    !cmds.some((c) => cmdHasArgs(c, 'yarn', ['cache', 'clean'])),
);
