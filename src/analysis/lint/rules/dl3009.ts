/** DL3009: delete the apt lists after `apt-get update` (unless they live in a cache mount). */
import type { Instruction } from '../../../dockerfile/model.js';
import { cmdHasArgs, commandsOf } from '../helpers.js';
import type { Rule } from '../types.js';

const cacheMount = (ins: Instruction, dir: string): boolean =>
  ins.flags.some(
    (f) =>
      f.name === 'mount' &&
      /(^|,)type=cache(,|$)/.test(f.value ?? '') &&
      new RegExp(`(^|,)(target|dst|destination)=${dir}`).test(f.value ?? ''),
  );

/**
 * dl3009 flags a RUN with `apt-get update` and no `rm -rf /var/lib/apt/lists/*`, in the final stage
 * or a stage used by a later FROM (hadolint's scope); cache mounts on the apt dirs excuse it.
 */
export const dl3009: Rule = {
  id: 'DL3009',
  severity: 'info',
  description: 'Delete the apt-get lists after installing something',
  *check({ dockerfile }) {
    const last = dockerfile.stages.length - 1;
    for (const stage of dockerfile.stages) {
      const reused = dockerfile.stages.some((s) => s.fromStage === stage.index);
      if (stage.index !== last && !reused) continue;
      for (const outer of stage.instructions) {
        const ins = outer.trigger ?? outer;
        if (ins.kind !== 'RUN') continue;
        const cmds = commandsOf(ins).map((v) => v.cmd);
        const update = cmds.some((c) => cmdHasArgs(c, 'apt-get', ['update']));
        const cleanup = cmds.some((c) => cmdHasArgs(c, 'rm', ['-rf', '/var/lib/apt/lists/*']));
        if (!update || cleanup) continue;
        if (
          cacheMount(ins, '/var/lib/apt/lists') ||
          (cacheMount(ins, '/var/lib/apt') && cacheMount(ins, '/var/cache/apt'))
        )
          continue;
        yield { span: ins.span };
      }
    }
  },
};
