/**
 * Agreement with a real builder: a two-stage Dockerfile is built with `buildah bud --layers`, one
 * thing is changed, the build is repeated, and the first step buildah did not take from cache in
 * each stage must be the first miss stowage predicted (builder=buildah). A COPY --from step that
 * stowage marks "maybe" (source stage rebuilt; hits when it made identical files) may go either way.
 */
import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  diffPlans,
  planDockerfileText,
  readDirContext,
  type BuildPlan,
} from '../../src/dockerfile/cache/index.js';
import { openImage } from '../../src/source/index.js';
import { buildCacheDiffReport } from '../../src/report/cache-diff-report.js';
import { Buildah } from '../fixtures/buildah.js';
import { buildBusyboxBase } from '../fixtures/busybox-base.js';
import { describeWithTools } from '../helpers/tools.js';
import { firstMisses, parseBuildahSteps } from './buildah-output.js';

const BASE = 'localhost/stowage-cache-base';
const DOCKERFILE = `FROM ${BASE} AS build
ARG USED=1
ARG UNUSED=1
WORKDIR /app
COPY lock.txt ./
RUN echo install $USED > /app/installed
COPY . .
RUN cat src/a.txt > /app/out

FROM ${BASE}
COPY --from=build /app/out /out
RUN echo done
`;

interface Case {
  name: string;
  change(dir: string): Promise<void>;
  revert(dir: string): Promise<void>;
  buildArgs?: Record<string, string>;
}

const unique = `${Date.now()}-${Math.random()}`;
const noop = async (): Promise<void> => {};
const CASES: Case[] = [
  {
    name: 'a source file',
    change: (d) => writeFile(join(d, 'src/a.txt'), `a ${unique}\n`),
    revert: (d) => writeFile(join(d, 'src/a.txt'), 'a\n'),
  },
  {
    name: 'the lockfile',
    change: (d) => writeFile(join(d, 'lock.txt'), `lock ${unique}\n`),
    revert: (d) => writeFile(join(d, 'lock.txt'), 'lock 1\n'),
  },
  {
    name: 'a file excluded by .dockerignore',
    change: (d) => writeFile(join(d, 'debug.log'), `log ${unique}\n`),
    revert: (d) => writeFile(join(d, 'debug.log'), 'log\n'),
  },
  {
    name: "a file's mode",
    change: (d) => chmod(join(d, 'src/a.txt'), 0o600),
    revert: (d) => chmod(join(d, 'src/a.txt'), 0o644),
  },
  {
    name: "only a file's mtime",
    change: (d) => utimes(join(d, 'src/a.txt'), 1_000_000, 1_000_000),
    revert: noop,
  },
  { name: 'a build arg used by no RUN', change: noop, revert: noop, buildArgs: { UNUSED: unique } },
  { name: 'a build arg used by one RUN', change: noop, revert: noop, buildArgs: { USED: unique } },
  {
    name: 'a build arg the Dockerfile does not declare',
    change: noop,
    revert: noop,
    buildArgs: { NOPE: unique },
  },
  {
    name: "a file's owner",
    change: (d) => chown(join(d, 'lock.txt'), 4321, 4321),
    revert: (d) => chown(join(d, 'lock.txt'), 0, 0),
  },
];

describeWithTools('cache prediction agrees with buildah bud --layers', ['buildah'], () => {
  let work: string;
  let ctx: string;
  let buildah: Buildah;
  let baseline: BuildPlan;

  const build = async (buildArgs: Record<string, string> = {}): Promise<string> => {
    const args = Object.entries(buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
    const { stdout } = await promisify(execFile)(
      'buildah',
      [
        '--root',
        join(work, 'store/root'),
        '--runroot',
        join(work, 'store/runroot'),
        '--storage-driver',
        'vfs',
        'bud',
        '--layers',
        '--isolation',
        'chroot',
        ...args,
        '-t',
        'stowage-cache-test',
        '.',
      ],
      { cwd: ctx, maxBuffer: 16 << 20 },
    );
    return stdout;
  };
  const plan = async (buildArgs: Record<string, string> = {}): Promise<BuildPlan> =>
    planDockerfileText(DOCKERFILE, await readDirContext(ctx), { builder: 'buildah', buildArgs });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stowage-cache-'));
    ctx = join(work, 'ctx');
    await mkdir(join(ctx, 'src'), { recursive: true });
    buildah = await Buildah.create(join(work, 'store'));
    await buildBusyboxBase(buildah, work, BASE);
    await writeFile(join(ctx, 'Dockerfile'), DOCKERFILE);
    await writeFile(join(ctx, '.dockerignore'), '*.log\n');
    await writeFile(join(ctx, 'lock.txt'), 'lock 1\n');
    await writeFile(join(ctx, 'debug.log'), 'log\n');
    await writeFile(join(ctx, 'src/a.txt'), 'a\n');
    await utimes(join(ctx, 'src/a.txt'), 2_000_000, 2_000_000);
    await build();
    await buildah.push('stowage-cache-test', `oci:${join(work, 'oci')}:latest`);
    baseline = await plan();
  }, 120_000);

  it('maps rebuilt steps of the target stage to the built image layers and their bytes', async () => {
    await writeFile(join(ctx, 'src/a.txt'), `bytes ${unique}\n`);
    try {
      const after = await plan();
      const image = await openImage(`oci:${join(work, 'oci')}:latest`);
      const doc = await buildCacheDiffReport(diffPlans(baseline, after), {
        plan: after,
        image,
        reference: 'built',
      });
      const index = JSON.parse(await readFile(join(work, 'oci/index.json'), 'utf8')) as {
        manifests: { digest: string }[];
      };
      const manifest = JSON.parse(
        await readFile(join(work, 'oci/blobs/sha256', index.manifests[0]!.digest.slice(7)), 'utf8'),
      ) as { layers: { size: number }[] };
      const rebuilt = doc.stages[1]!.rebuilt;
      expect(rebuilt.map((r) => r.layer)).toEqual([1, 2]);
      expect(rebuilt.map((r) => r.bytes)).toEqual([manifest.layers[1]!.size, manifest.layers[2]!.size]);
      expect(doc.image!.rebuiltBytes).toBe(manifest.layers[1]!.size + manifest.layers[2]!.size);
    } finally {
      await writeFile(join(ctx, 'src/a.txt'), 'a\n');
      await utimes(join(ctx, 'src/a.txt'), 2_000_000, 2_000_000);
    }
  });

  afterAll(async () => {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`predicts the first miss per stage after changing ${c.name}`, async () => {
      if (c.name.includes('owner') && process.getuid?.() !== 0) return;
      await c.change(ctx);
      try {
        const predicted = diffPlans(baseline, await plan(c.buildArgs));
        const observed = firstMisses(parseBuildahSteps(await build(c.buildArgs)));
        expect(observed.size).toBe(2);
        for (const [stage, miss] of observed) {
          const sd = predicted.stages[stage]!;
          const definite = sd.firstMiss?.index ?? null;
          const maybes = sd.steps.filter((s) => s.status === 'maybe').map((s) => s.index);
          const agrees =
            miss === definite ||
            (miss !== null && maybes.includes(miss) && (definite === null || definite > miss)) ||
            (miss === null && definite === null);
          expect(
            agrees,
            `stage ${stage}: buildah first miss ${miss}, stowage ${definite} (maybe: ${maybes.join(',')})`,
          ).toBe(true);
        }
      } finally {
        await c.revert(ctx);
      }
    }, 120_000);
  }
});
