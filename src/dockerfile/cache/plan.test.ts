/** Unit tests for each cache-key rule: ARGs, .dockerignore, wildcards, symlinks, --link, --from, --target, builders. */
import { describe, expect, it } from 'vitest';
import { diffPlans, type StepOutcome } from './diff.js';
import { sha256Of } from './hash.js';
import type { Builder, ContextEntry, ContextSnapshot } from './model.js';
import { planDockerfileText } from './plan.js';

type Spec = Record<string, string | { content?: string; mode?: number; uid?: number; link?: string }>;

/** memoryContext builds a snapshot from `{path: content}` (directories implied). */
function memoryContext(spec: Spec): ContextSnapshot {
  const entries = new Map<string, ContextEntry>();
  const texts = new Map<string, string>();
  for (const [path, v] of Object.entries(spec)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      entries.set(d, { path: d, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
    }
    const o = typeof v === 'string' ? { content: v } : v;
    if (o.link !== undefined) {
      entries.set(path, { path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, linkTarget: o.link });
    } else {
      texts.set(path, o.content ?? '');
      entries.set(path, {
        path,
        type: 'file',
        mode: o.mode ?? 0o644,
        uid: o.uid ?? 0,
        gid: o.uid ?? 0,
        size: 0,
      });
    }
  }
  return {
    label: 'memory',
    entries,
    readText: (p) => Promise.resolve(texts.get(p)),
    contentDigest: (p) => Promise.resolve(sha256Of(Buffer.from(texts.get(p) ?? ''))),
  };
}

interface Run {
  df: string;
  before: Spec;
  after?: Spec;
  argsBefore?: Record<string, string>;
  argsAfter?: Record<string, string>;
  builder?: Builder;
  target?: string;
}

async function outcome(r: Run): Promise<StepOutcome[][]> {
  const opts = { builder: r.builder ?? 'buildkit', ...(r.target !== undefined && { target: r.target }) };
  const a = await planDockerfileText(r.df, memoryContext(r.before), {
    ...opts,
    buildArgs: r.argsBefore ?? {},
  });
  const b = await planDockerfileText(r.df, memoryContext(r.after ?? r.before), {
    ...opts,
    buildArgs: r.argsAfter ?? {},
  });
  return diffPlans(a, b).stages.map((s) => s.steps);
}

/** firstMiss returns `line: instruction` of each stage's first miss ('-' when all hit). */
async function firstMiss(r: Run): Promise<string[]> {
  const stages = await outcome(r);
  return stages.map((steps) => {
    const m = steps.find((s) => s.status === 'miss');
    return m === undefined ? '-' : m.instruction;
  });
}

const APP = 'FROM busybox\nARG V=1\nARG W=1\nCOPY lock.txt ./\nRUN install\nCOPY . .\nRUN build\n';

describe('cache keys', () => {
  it('every ARG with a value counts for RUN, used or not; an undeclared one does not', async () => {
    const ctx = { 'lock.txt': 'l', 'a.txt': 'a' };
    expect(await firstMiss({ df: APP, before: ctx, argsAfter: { W: '2' } })).toEqual(['RUN install']);
    expect(await firstMiss({ df: APP, before: ctx, argsAfter: { NOPE: '2' } })).toEqual(['-']);
    // a --build-arg equal to the default changes nothing
    expect(await firstMiss({ df: APP, before: ctx, argsAfter: { V: '1' } })).toEqual(['-']);
    const bare = 'FROM busybox\nARG X\nRUN build\n';
    expect(await firstMiss({ df: bare, before: {}, argsAfter: { X: 'set' } })).toEqual(['RUN build']);
  });

  it('global ARGs reach RUN only when the stage re-declares them', async () => {
    const notRedeclared = 'ARG G=1\nFROM busybox\nRUN build\n';
    const redeclared = 'ARG G=1\nFROM busybox\nARG G\nRUN build\n';
    expect(await firstMiss({ df: notRedeclared, before: {}, argsAfter: { G: '2' } })).toEqual(['-']);
    expect(await firstMiss({ df: redeclared, before: {}, argsAfter: { G: '2' } })).toEqual(['RUN build']);
  });

  it('a source change misses at the COPY that selects it and names the file', async () => {
    const stages = await outcome({
      df: APP,
      before: { 'lock.txt': 'l', 'a.txt': 'a' },
      after: { 'lock.txt': 'l', 'a.txt': 'b' },
    });
    const miss = stages[0]!.find((s) => s.status === 'miss')!;
    expect(miss.instruction).toBe('COPY . .');
    expect(miss.causes[0]!.files).toEqual([{ path: 'a.txt', change: 'content' }]);
    expect(stages[0]!.filter((s) => s.status === 'miss').map((s) => s.instruction)).toEqual([
      'COPY . .',
      'RUN build',
    ]);
  });

  it('.dockerignore patterns, negations and directories', async () => {
    const before = {
      '.dockerignore': '*.log\n!keep.log\ndocs\n!docs/README.md\n',
      'lock.txt': 'l',
      'x.log': '1',
      'keep.log': '1',
      'docs/a.md': '1',
      'docs/README.md': '1',
    };
    const change = (path: string): Promise<string[]> =>
      firstMiss({ df: APP, before, after: { ...before, [path]: '2' } });
    expect(await change('x.log')).toEqual(['-']);
    expect(await change('docs/a.md')).toEqual(['-']);
    expect(await change('keep.log')).toEqual(['COPY . .']);
    expect(await change('docs/README.md')).toEqual(['COPY . .']);
    // <Dockerfile>.dockerignore wins over .dockerignore
    const both = { ...before, 'Dockerfile.dockerignore': 'keep.log\n' };
    expect(await firstMiss({ df: APP, before: both, after: { ...both, 'x.log': '2' } })).toEqual([
      'COPY . .',
    ]);
    expect(await firstMiss({ df: APP, before: both, after: { ...both, 'keep.log': '2' } })).toEqual(['-']);
  });

  it('wildcards select per path component and bring what is below a match', async () => {
    const df = 'FROM busybox\nCOPY src/*.json ./\nRUN a\nCOPY pkg*/ /p/\nRUN b\n';
    const before = {
      'src/a.json': '1',
      'src/sub/b.json': '1',
      'src/c.txt': '1',
      'pkg1/x/y': '1',
      'other/z': '1',
    };
    const change = (path: string): Promise<string[]> =>
      firstMiss({ df, before, after: { ...before, [path]: '2' } });
    expect(await change('src/a.json')).toEqual(['COPY src/*.json ./']);
    expect(await change('src/sub/b.json')).toEqual(['-']);
    expect(await change('src/c.txt')).toEqual(['-']);
    expect(await change('pkg1/x/y')).toEqual(['COPY pkg*/ /p/']);
    expect(await change('other/z')).toEqual(['-']);
  });

  it('mode and link targets count, mtime never does, owner only for buildah', async () => {
    const df = 'FROM busybox\nCOPY . .\nRUN a\n';
    const before: Spec = { a: 'x', l: { link: 'a' } };
    expect(await firstMiss({ df, before, after: { ...before, a: { content: 'x', mode: 0o755 } } })).toEqual([
      'COPY . .',
    ]);
    expect(await firstMiss({ df, before, after: { ...before, l: { link: 'b' } } })).toEqual(['COPY . .']);
    const owned = { ...before, a: { content: 'x', uid: 1000 } };
    expect(await firstMiss({ df, before, after: owned })).toEqual(['-']);
    expect(await firstMiss({ df, before, after: owned, builder: 'buildah' })).toEqual(['COPY . .']);
  });

  it('a source that is a symlink is followed within the context', async () => {
    const df = 'FROM busybox\nCOPY current/ /app/\nRUN a\n';
    const before: Spec = { current: { link: 'v1' }, 'v1/f': '1', 'v2/f': '1', unrelated: '1' };
    expect(await firstMiss({ df, before, after: { ...before, 'v1/f': '2' } })).toEqual([
      'COPY current/ /app/',
    ]);
    expect(await firstMiss({ df, before, after: { ...before, 'v2/f': '2' } })).toEqual(['-']);
    expect(
      await firstMiss({ df, before, after: { ...before, current: { link: 'v2' }, 'v2/f': '3' } }),
    ).toEqual(['COPY current/ /app/']);
  });

  it('COPY --link hits although an earlier step missed (BuildKit), the steps after it miss', async () => {
    const df = 'FROM busybox\nCOPY a ./\nCOPY --link b ./\nRUN x\n';
    const stages = await outcome({ df, before: { a: '1', b: '1' }, after: { a: '2', b: '1' } });
    expect(stages[0]!.map((s) => s.status)).toEqual(['uncached', 'miss', 'hit', 'miss']);
    const buildah = await outcome({
      df,
      before: { a: '1', b: '1' },
      after: { a: '2', b: '1' },
      builder: 'buildah',
    });
    expect(buildah[0]!.map((s) => s.status)).toEqual(['uncached', 'miss', 'miss', 'miss']);
  });

  it('COPY --from=stage may hit when the rebuilt stage made the same files', async () => {
    const df =
      'FROM busybox AS build\nCOPY src .\nRUN make\nFROM busybox\nCOPY --from=build /out /out\nRUN ls\n';
    const stages = await outcome({ df, before: { src: '1' }, after: { src: '2' } });
    expect(stages[0]!.map((s) => s.status)).toEqual(['uncached', 'miss', 'miss']);
    expect(stages[1]!.map((s) => s.status)).toEqual(['uncached', 'maybe', 'maybe']);
    expect(stages[1]![1]!.causes.map((c) => c.kind)).toEqual(['source-stage']);
  });

  it('FROM another stage inherits its key: a miss there misses the whole dependent stage', async () => {
    const df = 'FROM busybox AS base\nCOPY a .\nFROM base\nRUN x\n';
    const stages = await outcome({ df, before: { a: '1' }, after: { a: '2' } });
    expect(stages[1]![1]!.status).toBe('miss');
    expect(stages[1]![1]!.causes[0]!.kind).toBe('base');
  });

  it('--target builds only the stages it needs', async () => {
    const df =
      'FROM busybox AS one\nCOPY a .\nFROM busybox AS two\nCOPY b .\nFROM busybox\nCOPY --from=two /b /b\n';
    const stages = await outcome({
      df,
      before: { a: '1', b: '1' },
      after: { a: '2', b: '1' },
      target: 'two',
    });
    expect(stages.map((s) => s[1]!.status)).toEqual(['skipped', 'hit', 'skipped']);
  });

  it('metadata instructions: BuildKit keeps no record, buildah misses at them', async () => {
    const before = 'FROM busybox\nLABEL a=1\nCOPY f .\nRUN x\n';
    const after = 'FROM busybox\nLABEL a=2\nCOPY f .\nRUN x\n';
    const ctx = memoryContext({ f: '1' });
    for (const [builder, expected] of [
      ['buildkit', ['uncached', 'uncached', 'hit', 'hit']],
      ['buildah', ['uncached', 'miss', 'miss', 'miss']],
    ] as const) {
      const a = await planDockerfileText(before, ctx, { builder });
      const b = await planDockerfileText(after, ctx, { builder });
      expect(diffPlans(a, b).stages[0]!.steps.map((s) => s.status)).toEqual(expected);
    }
  });

  it('ENV reaches RUN under BuildKit but not COPY', async () => {
    const a = 'FROM busybox\nENV A=1\nCOPY f .\nRUN x\n';
    const b = 'FROM busybox\nENV A=2\nCOPY f .\nRUN x\n';
    const ctx = memoryContext({ f: '1' });
    const d = diffPlans(await planDockerfileText(a, ctx), await planDockerfileText(b, ctx));
    expect(d.stages[0]!.steps.map((s) => s.status)).toEqual(['uncached', 'uncached', 'hit', 'miss']);
    expect(d.stages[0]!.firstMiss!.causes[0]!.detail).toContain('A');
  });

  it('cache mounts never count by content; bind mounts of the context do', async () => {
    const df =
      'FROM busybox\nRUN --mount=type=cache,target=/root/.cache --mount=type=bind,source=req.txt,target=/r x\n';
    expect(await firstMiss({ df, before: { 'req.txt': '1' }, after: { 'req.txt': '2' } })).toEqual([
      expect.stringContaining('RUN'),
    ]);
    expect(
      await firstMiss({ df, before: { 'req.txt': '1', o: '1' }, after: { 'req.txt': '1', o: '2' } }),
    ).toEqual(['-']);
  });

  it('a source that matches nothing is reported as a problem', async () => {
    const plan = await planDockerfileText('FROM busybox\nCOPY missing.txt .\n', memoryContext({}));
    expect(plan.stages[0]!.steps[1]!.problems[0]).toContain('missing.txt');
  });
});
