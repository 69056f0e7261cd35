/** DL3032: `yum clean all` after `yum install`. */
import { cmdHasArgs } from '../helpers.js';
import { runRule } from '../rule-kit.js';

/** dl3032 flags a RUN with `yum install` and no `yum clean all`. */
export const dl3032 = runRule(
  { id: 'DL3032', severity: 'warning', description: '`yum clean all` missing after yum command' },
  (cmds) =>
    cmds.some((c) => cmdHasArgs(c, 'yum', ['install'])) &&
    !cmds.some((c) => cmdHasArgs(c, 'yum', ['clean', 'all'])),
);
