/**
 * `stowage build-cache plan|diff|churn` end to end through runCli: each JSON document validates
 * against its schema in docs/schema, and the text output names the missed step and the file.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../helpers/tools.js';
import { run } from '../cli/cli-harness.js';

type AjvClass = new (opts: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
};
const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020.js') as AjvClass & { default?: AjvClass };

async function validate(name: string, doc: unknown): Promise<void> {
  const schema = JSON.parse(
    await readFile(join(__dirname, '../../docs/schema', `${name}.v1.json`), 'utf8'),
  ) as object;
  const Ajv = Ajv2020.default ?? Ajv2020;
  const check = new Ajv({ allErrors: true, strict: true }).compile(schema);
  expect(check(doc), JSON.stringify(check.errors)).toBe(true);
}

const DOCKERFILE =
  'FROM busybox AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\nFROM busybox\nCOPY --from=build /app/dist /dist\n';

describeWithTools('stowage build-cache', ['git'], () => {
  let dir: string;
  let ctx: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stowage-cache-cli-'));
    ctx = join(dir, 'ctx');
    await mkdir(join(ctx, 'src'), { recursive: true });
    await writeFile(join(ctx, 'Dockerfile'), DOCKERFILE);
    await writeFile(join(ctx, 'package.json'), '{}');
    await writeFile(join(ctx, 'src/index.js'), '1');
    const git = (...a: string[]): void =>
      void execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...a], { cwd: ctx });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'one');
    await writeFile(join(ctx, 'src/index.js'), '2');
    git('commit', '-q', '-am', 'two');
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('plan lists keys and selected files', async () => {
    const r = await run(['build-cache', 'plan', '--context', ctx, '--format', 'json']);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as {
      stages: { steps: { instruction: string; files: { path: string }[] }[] }[];
    };
    await validate('cache-plan', doc);
    expect(
      doc.stages[0]!.steps.find((s) => s.instruction === 'COPY package.json ./')!.files.map((f) => f.path),
    ).toEqual(['package.json']);
  });

  it('diff --against another directory names the first miss and the file', async () => {
    const old = join(dir, 'old');
    await cp(ctx, old, { recursive: true });
    await writeFile(join(ctx, 'src/index.js'), '3');
    const r = await run(['build-cache', 'diff', '--context', ctx, '--against', old, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as {
      stages: { firstMiss: { instruction: string; causes: { files: unknown[] }[] } | null }[];
    };
    await validate('cache-diff', doc);
    expect(doc.stages[0]!.firstMiss!.instruction).toBe('COPY . .');
    expect(doc.stages[0]!.firstMiss!.causes[0]!.files).toEqual([{ path: 'src/index.js', change: 'content' }]);
    const text = await run(['build-cache', 'diff', '--context', ctx, '--since', 'HEAD']);
    expect(text.stdout).toContain('misses at line 5: COPY . .');
    expect(text.stdout).toContain('src/index.js');
    const revs = await run([
      'build-cache',
      'diff',
      '--context',
      ctx,
      '--since',
      'HEAD~1',
      '--rev',
      'HEAD',
      '--format',
      'json',
    ]);
    await validate('cache-diff', JSON.parse(revs.stdout));
  });

  it('churn reports and validates; bad options are usage errors', async () => {
    const r = await run(['build-cache', 'churn', '--context', ctx, '--commits', '1', '--format', 'json']);
    await validate('cache-churn', JSON.parse(r.stdout));
    expect((await run(['build-cache', 'plan', '--context', ctx, '--builder', 'kaniko'])).code).toBe(2);
    expect((await run(['build-cache', 'diff', '--context', ctx])).code).toBe(2);
    expect((await run(['build-cache', 'frobnicate', '--context', ctx])).code).toBe(2);
  });
});
