/** DL3013: pin versions in `pip install`. */
import type { SimpleCommand } from '../../../dockerfile/shell/model.js';
import { argsNoFlags, hasFlag } from '../helpers.js';
import { commandRule } from '../rule-kit.js';
import { isPipInstall } from './pip.js';

const VALUED = [
  'abi',
  'b',
  'build',
  'e',
  'editable',
  'extra-index-url',
  'f',
  'find-links',
  'i',
  'index-url',
  'implementation',
  'no-binary',
  'only-binary',
  'platform',
  'prefix',
  'progress-bar',
  'proxy',
  'python-version',
  'root',
  'src',
  't',
  'target',
  'trusted-host',
  'upgrade-strategy',
];
const VCS = [
  'git+file',
  'git+https',
  'git+ssh',
  'git+http',
  'git+git',
  'git',
  'hg+file',
  'hg+http',
  'hg+https',
  'hg+ssh',
  'hg+static-http',
  'svn',
  'svn+svn',
  'svn+http',
  'svn+https',
  'svn+ssh',
  'bzr+http',
  'bzr+https',
  'bzr+ssh',
  'bzr+sftp',
  'bzr+ftp',
  'bzr+lp',
];
const SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];

function pinned(p: string): boolean {
  const vcs = VCS.some((s) => p.startsWith(s));
  return (
    SYMBOLS.some((s) => p.includes(s)) ||
    (vcs && p.includes('@')) ||
    p.endsWith('.whl') ||
    p.endsWith('.tar.gz') ||
    (!vcs && p.includes('/'))
  );
}

function packages(cmd: SimpleCommand): string[] {
  const args = argsNoFlags(cmd, VALUED);
  const at = args.indexOf('install');
  return at === -1 ? [] : args.slice(at).filter((a) => a !== 'install');
}

/** dl3013 flags `pip install` of unpinned packages (requirement files, `.` and constraints pass). */
export const dl3013 = commandRule(
  {
    id: 'DL3013',
    severity: 'warning',
    description:
      'Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`',
  },
  (cmd) =>
    isPipInstall(cmd) &&
    !hasFlag(cmd, 'constraint', 'c') &&
    !cmd.args.some((a) => a === '--requirement' || a === '-r' || a === '.') &&
    !packages(cmd).every(pinned),
);
