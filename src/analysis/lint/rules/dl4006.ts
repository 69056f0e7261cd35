/** DL4006: set `-o pipefail` (via SHELL) before a RUN with a pipe. */
import type { Rule } from '../types.js';
import { commandsOf } from '../helpers.js';

const NON_POSIX = ['pwsh', 'powershell', 'cmd'];

/** dl4006 flags RUNs with a pipe in stages whose SHELL does not set pipefail (a non-POSIX SHELL passes). */
export const dl4006: Rule = {
  id: 'DL4006',
  severity: 'warning',
  description:
    'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check',
  *check({ dockerfile }) {
    let safe = false;
    for (const ins of dockerfile.instructions) {
      if (ins.kind === 'FROM') safe = false;
      if (ins.kind === 'SHELL') {
        const argv = ins.exec ?? ins.words;
        const base = (argv[0] ?? '').split(/[\\/]/).pop() ?? '';
        const pipefail =
          ['bash', 'zsh', 'ash'].includes(base) && argv.includes('-o') && argv.includes('pipefail');
        safe = NON_POSIX.some((s) => (argv[0] ?? '').startsWith(s)) || pipefail;
      }
      if (ins.kind === 'RUN' && !safe && commandsOf(ins).some((v) => v.cmd.inPipeline))
        yield { span: ins.span };
    }
  },
};
