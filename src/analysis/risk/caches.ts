/** Package-manager caches left behind in the final filesystem (apt lists and archives, pip, npm, yarn), with sizes. */
import type { FileNode } from '../../filetree/file-node.js';
import type { RiskCheck, RiskRule } from './risk-check.js';
import { findSubtrees } from './subtrees.js';

/** CACHE_KINDS names each cache and how to recognise its directory. */
const CACHE_KINDS: { kind: string; test: (n: FileNode) => boolean; fix: string }[] = [
  {
    kind: 'apt package lists',
    test: (n) => n.path === 'var/lib/apt/lists',
    fix: '`rm -rf /var/lib/apt/lists/*` in the same RUN as `apt-get install`',
  },
  {
    kind: 'apt cache',
    test: (n) => n.path === 'var/cache/apt',
    fix: '`apt-get clean` in the same RUN, or `--mount=type=cache,target=/var/cache/apt`',
  },
  {
    kind: 'pip cache',
    test: (n) => n.path.endsWith('.cache/pip'),
    fix: '`pip install --no-cache-dir`, or `--mount=type=cache,target=/root/.cache/pip`',
  },
  {
    kind: 'npm cache',
    test: (n) => n.name === '.npm' || n.path.endsWith('.npm/_cacache'),
    fix: '`npm cache clean --force` in the same RUN, or `--mount=type=cache,target=/root/.npm`',
  },
  {
    kind: 'yarn cache',
    test: (n) => n.path.endsWith('.cache/yarn'),
    fix: '`yarn cache clean` in the same RUN, or `--mount=type=cache,target=/usr/local/share/.cache/yarn`',
  },
];

/** packageCacheRule flags caches that only make the image bigger. */
export const packageCacheRule: RiskRule = {
  id: 'package-cache',
  category: 'risk',
  severity: 'low',
  description: 'A package manager cache is left in the final filesystem.',
  fix: 'Clean the cache in the same RUN step that fills it, or use a `--mount=type=cache` mount.',
};

/** cacheCheck reports every cache directory holding file bytes. */
export const cacheCheck: RiskCheck = {
  rules: [packageCacheRule],
  run({ tree }) {
    return CACHE_KINDS.flatMap(({ kind, test, fix }) =>
      findSubtrees(tree, (n) => n.type === 'dir' && test(n))
        .filter((s) => s.bytes > 0)
        .map((s) => ({
          rule: { ...packageCacheRule, fix: `Use ${fix}.` },
          message: `${kind} left in /${s.node.path} (${s.files} file${s.files === 1 ? '' : 's'})`,
          path: s.node.path,
          layer: s.node.layer,
          size: s.bytes,
        })),
    );
  },
};
