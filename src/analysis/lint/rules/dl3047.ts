/** DL3047: `wget` without progress bar control. */
import { hasFlag } from '../helpers.js';
import { commandRule } from '../rule-kit.js';

/** dl3047 flags `wget` without --progress, -q/--quiet, -nv, -o/--output-file or -a/--append-output. */
export const dl3047 = commandRule(
  {
    id: 'DL3047',
    severity: 'warning',
    description:
      'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`)',
  },
  (cmd) =>
    cmd.name === 'wget' &&
    !hasFlag(cmd, 'progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose') &&
    !cmd.args.includes('-nv'),
);
