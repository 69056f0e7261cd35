/** Sensitive leftovers in the final filesystem: .git, .ssh, .aws, .cache directories and .DS_Store files. */
import type { RiskCheck, RiskRule } from './risk-check.js';
import { findSubtrees } from './subtrees.js';

/** LEFTOVER_NAMES maps a base name to the severity it deserves. */
const LEFTOVER_NAMES = new Map([
  ['.git', 'warning'],
  ['.ssh', 'warning'],
  ['.aws', 'warning'],
  ['.cache', 'info'],
  ['.DS_Store', 'info'],
] as const);

/** leftoverRule flags files that should not ship in an image. */
export const leftoverRule: RiskRule = {
  id: 'sensitive-leftover',
  category: 'risk',
  severity: 'warning',
  description:
    'A directory or file that should not ship (.git, .ssh, .aws, .cache, .DS_Store) is in the final filesystem.',
  fix: 'Exclude it in .dockerignore, or delete it in the same RUN step that creates it.',
};

/** leftoverCheck reports the top-most such paths with their sizes. */
export const leftoverCheck: RiskCheck = {
  rules: [leftoverRule],
  run({ tree }) {
    return findSubtrees(tree, (n) => LEFTOVER_NAMES.has(n.name as never)).map((s) => ({
      rule: leftoverRule,
      severity: LEFTOVER_NAMES.get(s.node.name as never) ?? 'warning',
      message: `/${s.node.path} is in the final filesystem (${s.files} file${s.files === 1 ? '' : 's'})`,
      path: s.node.path,
      layer: s.node.layer,
      size: s.bytes,
    }));
  },
};
