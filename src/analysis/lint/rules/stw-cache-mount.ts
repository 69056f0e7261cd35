/**
 * STW008 (info): a RUN downloads packages or dependencies without `--mount=type=cache`. With a
 * cache mount, a rebuild after a cache miss reuses what was downloaded before, and the downloads
 * never enter the layer.
 */
import type { Instruction } from '../../../dockerfile/model.js';
import { eachInstruction } from '../helpers.js';
import type { Report, Rule } from '../types.js';
import { invocation } from './stw-lib/command-line.js';
import { dependencyStep } from './stw-lib/dependency-steps.js';
import { packageChange } from './stw-lib/package-installs.js';
import { hasCacheMount, runCommands } from './stw-lib/sequences.js';

/** CACHE_TARGETS are the download caches of each tool, as the official images lay them out. */
const CACHE_TARGETS: Readonly<Record<string, string>> = {
  'apt-get': '/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked',
  apk: '/var/cache/apk',
  dnf: '/var/cache/dnf',
  yum: '/var/cache/yum',
  microdnf: '/var/cache/yum',
  zypper: '/var/cache/zypp',
  pip: '/root/.cache/pip',
  npm: '/root/.npm',
  yarn: '/usr/local/share/.cache/yarn',
  pnpm: '/root/.local/share/pnpm/store',
  poetry: '/root/.cache/pypoetry',
  pipenv: '/root/.cache/pipenv',
  uv: '/root/.cache/uv',
  go: '/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build',
  bundler: '/usr/local/bundle/cache',
  cargo: '/usr/local/cargo/registry',
  maven: '/root/.m2',
  gradle: '/root/.gradle',
  composer: '/root/.composer/cache',
};

/** downloadTool names the first package manager or dependency tool a RUN downloads with, if any. */
function downloadTool(ins: Instruction): { tool: string; label: string } | null {
  for (const cmd of runCommands(ins)) {
    const change = packageChange(cmd);
    const { name, args } = invocation(cmd);
    if (change?.action === 'install')
      return { tool: change.manager, label: `${name} ${args.find((a) => !a.startsWith('-')) ?? ''}`.trim() };
    if ((name === 'pip' || name === 'pip3') && args[0] === 'install')
      return { tool: 'pip', label: `${name} install` };
    const step = dependencyStep(cmd);
    if (step !== null) return { tool: step.ecosystem, label: step.label };
  }
  return null;
}

/** cacheMountRule is STW008. */
export const cacheMountRule: Rule = {
  id: 'STW008',
  severity: 'info',
  description:
    'A RUN downloads packages without --mount=type=cache: a cache mount keeps downloads across rebuilds and out of the layer.',
  *check({ dockerfile }): Iterable<Report> {
    for (const { ins } of eachInstruction(dockerfile, 'RUN')) {
      if (hasCacheMount(ins)) continue;
      const found = downloadTool(ins);
      if (found === null) continue;
      yield {
        span: ins.span,
        message: `\`${found.label}\` downloads without a cache mount: add \`--mount=type=cache,target=${CACHE_TARGETS[found.tool] ?? '<its cache dir>'}\` to this RUN.`,
      };
    }
  },
};
