/**
 * setuid/setgid files in the final filesystem. The distribution's usual ones (su, passwd, mount,
 * unix_chkpwd, …) are reported apart, at info, so unusual ones stand out.
 */
import type { FileTree } from '../../filetree/file-tree.js';
import type { RiskCheck, RiskRule } from './risk-check.js';

const SETUID = 0o4000;
const SETGID = 0o2000;

/** USUAL_SPECIAL lists base names distributions ship setuid or setgid. */
const USUAL_SPECIAL = new Set([
  'su',
  'passwd',
  'chsh',
  'chfn',
  'gpasswd',
  'newgrp',
  'mount',
  'umount',
  'expiry',
  'chage',
  'wall',
  'write',
  'bsd-write',
  'crontab',
  'ssh-agent',
  'ssh-keysign',
  'unix_chkpwd',
  'pam_extrausers_chkpwd',
  'dbus-daemon-launch-helper',
  'ping',
  'ping6',
  'fusermount',
  'fusermount3',
  'pkexec',
  'polkit-agent-helper-1',
  'newuidmap',
  'newgidmap',
  'at',
  'dotlockfile',
  'mlocate',
  'plocate',
  'utempter',
  'Xorg.wrap',
  'pt_chown',
]);

/** SYSTEM_DIR matches where distributions install such helpers. */
const SYSTEM_DIR = /^(?:s?bin|usr\/s?bin|usr\/lib(?:exec|64)?(?:\/[^/]+)*|usr\/local\/s?bin)\/[^/]+$/;

/** setuidRule flags an unusual setuid/setgid file. */
export const setuidRule: RiskRule = {
  id: 'setuid-file',
  category: 'risk',
  severity: 'warning',
  description:
    'A file in the final filesystem is setuid or setgid and is not one the distribution usually ships.',
  fix: 'Remove the bit in the same RUN step that installs the file (`chmod u-s,g-s FILE`), or drop the file.',
};

/** setuidDistroRule notes a setuid/setgid file the distribution usually ships. */
export const setuidDistroRule: RiskRule = {
  id: 'setuid-distro',
  category: 'risk',
  severity: 'info',
  description: 'A setuid or setgid file the distribution usually ships (su, passwd, mount, …).',
  fix: 'If the container never needs it, strip the bits: `find / -xdev -perm /6000 -type f -exec chmod a-s {} +` in a RUN step.',
};

/** SpecialBitCounts counts visible paths (of any type) with the setuid or setgid bit, like `find -perm -4000` / `-2000`. */
export interface SpecialBitCounts {
  setuid: number;
  setgid: number;
}

/** countSpecialBits counts setuid and setgid paths in the final tree (directories included). */
export function countSpecialBits(tree: FileTree): SpecialBitCounts {
  const out = { setuid: 0, setgid: 0 };
  for (const n of tree.walk()) {
    if (n.type === 'symlink') continue;
    if ((n.mode & SETUID) !== 0) out.setuid++;
    if ((n.mode & SETGID) !== 0) out.setgid++;
  }
  return out;
}

/** isUsualSpecial reports whether a setuid/setgid path is one distributions usually ship. */
export function isUsualSpecial(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return USUAL_SPECIAL.has(name) && SYSTEM_DIR.test(path);
}

/** setuidCheck reports every regular file (or hard link) with the setuid or setgid bit. */
export const setuidCheck: RiskCheck = {
  rules: [setuidRule, setuidDistroRule],
  run({ tree }) {
    const hits = [];
    for (const n of tree.walk()) {
      if (n.type !== 'file' && n.type !== 'hardlink') continue;
      const bits = [(n.mode & SETUID) !== 0 ? 'setuid' : '', (n.mode & SETGID) !== 0 ? 'setgid' : ''].filter(
        Boolean,
      );
      if (bits.length === 0) continue;
      const usual = isUsualSpecial(n.path);
      hits.push({
        rule: usual ? setuidDistroRule : setuidRule,
        message: `/${n.path} is ${bits.join(' and ')} (mode ${(n.mode & 0o7777).toString(8).padStart(4, '0')}, owner ${n.uid}:${n.gid})`,
        path: n.path,
        layer: n.layer,
        size: n.size,
      });
    }
    return hits;
  },
};
