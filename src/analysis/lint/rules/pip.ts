/** Shared pip detection: `pip install`, `pip3 install`, `python -m pip install`. */
import type { SimpleCommand } from '../../../dockerfile/shell/model.js';

/** isPipInstall matches hadolint's: a pip* command with `install`, or `python* -m pip* install`. */
export function isPipInstall(cmd: SimpleCommand): boolean {
  const base = cmd.name.split('/').pop() ?? '';
  if (base.startsWith('pip') && !base.startsWith('pipx') && !base.startsWith('pipenv'))
    return cmd.args.includes('install');
  if (base.startsWith('python')) {
    const m = cmd.args.indexOf('-m');
    const mod = cmd.args[m + 1] ?? '';
    return (
      m !== -1 &&
      mod.startsWith('pip') &&
      !mod.startsWith('pipx') &&
      !mod.startsWith('pipenv') &&
      cmd.args.includes('install')
    );
  }
  return false;
}
