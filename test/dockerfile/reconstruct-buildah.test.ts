/**
 * `stowage dockerfile` on the app fixture buildah built from a known Dockerfile (one layer per
 * instruction): after the base's step, the reconstructed instructions equal the original lines,
 * modulo what the history cannot hold — a COPY's sources, which buildah records only as a content
 * hash (`COPY multi:HASH in /app/ctx/`), so the test compares the destination alone.
 */
import { beforeAll, expect, it } from 'vitest';
import { run } from '../cli/cli-harness.js';
import { expectSchemaValid } from '../commands/schema-validate.js';
import { APP_DOCKERFILE } from '../fixtures/app-image.js';
import { BASE_CREATED_BY } from '../fixtures/busybox-base.js';
import { getFixtures } from '../fixtures/fixtures.js';
import { describeWithTools } from '../helpers/tools.js';

interface Doc {
  schema: string;
  steps: { layer: number | null; createdBy: string | null; instruction: string | null; comments: string[] }[];
  dockerfile: string;
}

let doc: Doc;

/** hashedCopy keeps a COPY's destination only: its sources are not in the history. */
const hashedCopy = (line: string) => line.replace(/^COPY .* (\S+)$/, 'COPY … $1');

describeWithTools('stowage dockerfile on a buildah image', ['buildah', 'skopeo'], () => {
  beforeAll(async () => {
    const fx = await getFixtures();
    const r = await run(['dockerfile', `oci:${fx.app.ociDir}:${fx.app.tag}`, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    doc = JSON.parse(r.stdout) as Doc;
  });

  it('reads back every instruction of the Dockerfile', async () => {
    await expectSchemaValid('dockerfile', doc);
    const base = doc.steps.findIndex((s) => s.createdBy?.includes(BASE_CREATED_BY) === true);
    expect(base).toBeGreaterThanOrEqual(0);
    const original = APP_DOCKERFILE.split('\n').filter((l) => l !== '' && !l.startsWith('FROM '));
    const ours = doc.steps.slice(base + 1).map((s) => s.instruction ?? `(none: ${s.comments.join('; ')})`);
    expect(ours.map(hashedCopy)).toEqual(original.map(hashedCopy));
    const copy = doc.steps.find((s) => s.instruction?.startsWith('COPY ') === true && s !== doc.steps[base]);
    expect(copy?.comments.join(' ')).toMatch(/recorded only as (multi|dir|file):/);
  });

  it('prints a Dockerfile the parser reads back', async () => {
    const { parseDockerfile } = await import('../../src/index.js');
    const parsed = await parseDockerfile(doc.dockerfile);
    expect(parsed.stages).toHaveLength(1);
  });
});
