/** DL3040: `dnf clean all` after `dnf install` (also microdnf). */
import type { SimpleCommand } from '../../../dockerfile/shell/model.js';
import { cmdHasArgs } from '../helpers.js';
import { runRule } from '../rule-kit.js';

const missingClean = (cmds: SimpleCommand[], tool: string): boolean => {
  const install = cmds.findIndex((c) => cmdHasArgs(c, tool, ['install']));
  if (install === -1) return false;
  const clean = cmds.findIndex(
    (c) => cmdHasArgs(c, tool, ['clean', 'all']) || cmdHasArgs(c, 'rm', ['-rf', '/var/cache/yum/*']),
  );
  return clean === -1 || clean < install;
};

/** dl3040 flags a RUN whose dnf/microdnf install is not followed by a clean. */
export const dl3040 = runRule(
  { id: 'DL3040', severity: 'warning', description: '`dnf clean all` missing after dnf command' },
  (cmds) => missingClean(cmds, 'dnf') || missingClean(cmds, 'microdnf'),
);
