/** DL3019: `apk add --no-cache`. */
import { cmdHasArgs, hasFlag } from '../helpers.js';
import { commandRule } from '../rule-kit.js';

/** dl3019 flags `apk add` without `--no-cache`. */
export const dl3019 = commandRule(
  {
    id: 'DL3019',
    severity: 'info',
    description:
      'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages',
  },
  (cmd) => cmdHasArgs(cmd, 'apk', ['add']) && !hasFlag(cmd, 'no-cache'),
);
