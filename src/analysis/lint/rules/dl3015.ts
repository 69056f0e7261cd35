/** DL3015: `apt-get install --no-install-recommends`. */
import { cmdHasArgs, hasFlag } from '../helpers.js';
import { commandRule } from '../rule-kit.js';

/** dl3015 flags `apt-get install` that may pull recommended packages. */
export const dl3015 = commandRule(
  {
    id: 'DL3015',
    severity: 'info',
    description: 'Avoid additional packages by specifying `--no-install-recommends`',
  },
  (cmd) =>
    cmdHasArgs(cmd, 'apt-get', ['install']) &&
    !hasFlag(cmd, 'no-install-recommends') &&
    !cmd.args.includes('APT::Install-Recommends=false'),
);
