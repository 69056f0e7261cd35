/**
 * cache churn on a git history made here: sources change in most commits and the lockfile in one,
 * so `COPY . .` before the install reruns it every time; the suggested order must miss less.
 * Also `--since`: the working tree against a revision, read with git ls-tree / cat-file.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  cacheChurn,
  diffPlans,
  GitRepo,
  gitView,
  planDockerfileText,
  readDirContext,
} from '../../src/dockerfile/cache/index.js';
import { describeWithTools } from '../helpers/tools.js';

const DOCKERFILE = `FROM busybox
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run build
CMD ["node", "dist/main.js"]
`;

describeWithTools('cache churn over git history', ['git'], () => {
  let dir: string;
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: dir,
    }).toString();
  const commit = async (files: Record<string, string>, msg: string): Promise<void> => {
    for (const [p, c] of Object.entries(files)) await writeFile(join(dir, p), c);
    git('add', '-A');
    git('commit', '-q', '-m', msg);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-churn-'));
    await mkdir(join(dir, 'src'));
    git('init', '-q');
    await commit(
      {
        Dockerfile: DOCKERFILE,
        'package.json': '{"name":"a"}',
        'package-lock.json': '{"v":1}',
        'src/main.js': 'v0',
      },
      'initial',
    );
    for (let i = 1; i <= 6; i++) await commit({ 'src/main.js': `v${i}` }, `source ${i}`);
    await commit({ 'package-lock.json': '{"v":2}' }, 'bump dependencies');
    await commit({ 'src/util.js': 'u' }, 'add util');
  });

  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('counts misses per step and suggests copying the lockfiles and installing first', async () => {
    const repo = await GitRepo.open(dir);
    try {
      const churn = await cacheChurn(repo, { commits: 8 });
      expect(churn.commits).toHaveLength(9);
      const install = churn.current.steps.find((s) => s.instruction === 'RUN npm ci')!;
      expect(install.misses).toBe(8);
      expect(churn.suggestion).not.toBeNull();
      const s = churn.suggestion!;
      expect(s.files).toEqual(['package.json', 'package-lock.json']);
      expect(s.text.indexOf('COPY package.json package-lock.json /app/')).toBeLessThan(
        s.text.indexOf('COPY . .'),
      );
      expect(s.text.indexOf('RUN npm ci')).toBeLessThan(s.text.indexOf('COPY . .'));
      const movedInstall = s.tally.steps.find((x) => x.instruction === 'RUN npm ci')!;
      expect(movedInstall.misses).toBe(1);
      expect(s.tally.runMisses).toBeLessThan(churn.current.runMisses);
      expect(s.tally.misses).toBeLessThan(churn.current.misses);
    } finally {
      repo.close();
    }
  });

  it('--since: the working tree against a revision names the changed file', async () => {
    const repo = await GitRepo.open(dir);
    try {
      await writeFile(join(dir, 'src/main.js'), 'edited');
      const old = await repo.snapshot('HEAD~1');
      const now = gitView(await readDirContext(dir));
      const d = diffPlans(
        await planDockerfileText(DOCKERFILE, old),
        await planDockerfileText(DOCKERFILE, now),
      );
      const first = d.stages[0]!.firstMiss!;
      expect(first.instruction).toBe('COPY . .');
      const files = first.causes.flatMap((c) => c.files);
      expect(files).toEqual([
        { path: 'src/main.js', change: 'content' },
        { path: 'src/util.js', change: 'added' },
      ]);
      expect(d.stages[0]!.rebuilt.map((s) => s.instruction)).toEqual([
        'COPY . .',
        'RUN npm ci',
        'RUN npm run build',
      ]);
    } finally {
      repo.close();
      git('checkout', '-q', '--', 'src/main.js');
    }
  });
});
