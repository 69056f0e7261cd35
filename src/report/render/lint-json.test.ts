import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { lintRunOf } from '../../../test/helpers/lint-run.js';
import { buildLintJson, LINT_SCHEMA } from './lint-json.js';

const schemaUrl = new URL('../../../docs/schema/lint.v1.json', import.meta.url);

describe('stowage.lint/v1', () => {
  it('validates against docs/schema/lint.v1.json and counts what the findings hold', async () => {
    const validate = new Ajv2020({ allErrors: true }).compile(
      JSON.parse(await readFile(schemaUrl, 'utf8')) as object,
    );
    const run = await lintRunOf({
      a: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      b: 'FROM scratch\nCOPY x /x\n',
    });
    const doc = buildLintJson(run);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.schema).toBe(LINT_SCHEMA);
    const all = run.files.flatMap((f) => f.findings);
    expect(doc.summary.findings).toBe(all.length);
    expect(doc.summary.warning).toBe(all.filter((f) => f.severity === 'warning').length);
    expect(doc.rules.map((r) => r.id)).toEqual([...new Set(all.map((f) => f.ruleId))].sort());
    expect(doc.files[0]!.findings.find((f) => f.ruleId === 'DL3015')?.fix).toMatch(/no-install-recommends/);
    expect(doc.files[1]!.findings).toEqual([]);
  });
  it('rejects a document missing a field (the schema can fail)', async () => {
    const validate = new Ajv2020().compile(JSON.parse(await readFile(schemaUrl, 'utf8')) as object);
    const doc = buildLintJson(await lintRunOf({ a: 'FROM debian\n' })) as unknown as Record<string, unknown>;
    delete doc.summary;
    expect(validate(doc)).toBe(false);
  });
});
