/** sudo installed in the image: rarely needed in a container and a privilege-escalation path. */
import type { RiskCheck, RiskRule } from './risk-check.js';

const SUDO_PATHS = ['usr/bin/sudo', 'bin/sudo', 'usr/local/bin/sudo'];

/** sudoRule flags a sudo binary in the final filesystem. */
export const sudoRule: RiskRule = {
  id: 'sudo-installed',
  category: 'risk',
  severity: 'warning',
  description: 'sudo is installed in the image.',
  fix: 'Do not install sudo; run privileged steps at build time as root and switch with USER (or use gosu/su-exec in an entrypoint).',
};

/** sudoCheck looks for the sudo binary. */
export const sudoCheck: RiskCheck = {
  rules: [sudoRule],
  run({ tree }) {
    return SUDO_PATHS.flatMap((p) => {
      const n = tree.get(p);
      if (n === undefined || n.type === 'dir') return [];
      return [
        { rule: sudoRule, message: `sudo is installed at /${p}`, path: p, layer: n.layer, size: n.size },
      ];
    });
  },
};
