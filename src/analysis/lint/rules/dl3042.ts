/** DL3042: `pip install --no-cache-dir` (or PIP_NO_CACHE_DIR set). */
import { keyValues } from '../../../dockerfile/key-values.js';
import type { Rule } from '../types.js';
import { commandsOf } from '../helpers.js';
import { isPipInstall } from './pip.js';

const TRUTHY = new Set(['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES']);

/**
 * dl3042 flags a RUN with `pip install` lacking `--no-cache-dir`, unless PIP_NO_CACHE_DIR is truthy
 * in the RUN or in an ENV of the stage or of the stage it builds on; pipx/pipenv are not pip.
 */
export const dl3042: Rule = {
  id: 'DL3042',
  severity: 'warning',
  description: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`',
  *check({ dockerfile }) {
    const noCache = new Map<number, boolean>();
    for (const stage of dockerfile.stages) {
      let set = stage.fromStage !== undefined && noCache.get(stage.fromStage) === true;
      for (const outer of stage.instructions) {
        const ins = outer.trigger ?? outer;
        if (
          ins.kind === 'ENV' &&
          keyValues(ins).some((kv) => kv.key === 'PIP_NO_CACHE_DIR' && TRUTHY.has(kv.value ?? ''))
        )
          set = true;
        if (ins.kind !== 'RUN' || set) continue;
        const cmds = commandsOf(ins).map((v) => v.cmd);
        if (
          cmds.some((c) =>
            c.assignments.some(
              (a) => TRUTHY.has(a.replace(/^PIP_NO_CACHE_DIR=/, '')) && a.startsWith('PIP_NO_CACHE_DIR='),
            ),
          )
        )
          continue;
        if (cmds.some((c) => isPipInstall(c) && !c.args.includes('--no-cache-dir'))) yield { span: ins.span };
      }
      noCache.set(stage.index, set);
    }
  },
};
