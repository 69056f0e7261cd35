/** World-writable files, and world-writable directories without the sticky bit, in the final filesystem. */
import type { RiskCheck, RiskHit, RiskRule } from './risk-check.js';

/** worldWritableRule flags paths anyone in the container may change. */
export const worldWritableRule: RiskRule = {
  id: 'world-writable',
  category: 'risk',
  severity: 'warning',
  description: 'A world-writable file, or a world-writable directory without the sticky bit.',
  fix: 'Tighten the mode in the step that creates the path (`chmod o-w`, or `chmod +t` for shared directories).',
};

/** worldWritableCheck walks the final tree. */
export const worldWritableCheck: RiskCheck = {
  rules: [worldWritableRule],
  run({ tree }) {
    const hits: RiskHit[] = [];
    for (const n of tree.walk()) {
      if ((n.mode & 0o002) === 0) continue;
      const file = n.type === 'file' || n.type === 'hardlink';
      const openDir = n.type === 'dir' && (n.mode & 0o1000) === 0;
      if (!file && !openDir) continue;
      const mode = (n.mode & 0o7777).toString(8).padStart(4, '0');
      hits.push({
        rule: worldWritableRule,
        message: file
          ? `/${n.path} is world-writable (mode ${mode})`
          : `directory /${n.path} is world-writable without the sticky bit (mode ${mode})`,
        path: n.path,
        layer: n.layer,
        size: null,
      });
    }
    return hits;
  },
};
