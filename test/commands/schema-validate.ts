/**
 * Validates a command's JSON output against its published schema (docs/schema/NAME.v1.json) with
 * ajv's draft 2020-12 validator in strict mode.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect } from 'vitest';

type AjvClass = new (opts: object) => {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown };
};
const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020.js') as AjvClass & { default?: AjvClass };

/** schemaValidator compiles docs/schema/`name`.v1.json. */
export async function schemaValidator(
  name: string,
): Promise<((data: unknown) => boolean) & { errors?: unknown }> {
  const schema = JSON.parse(
    await readFile(new URL(`../../docs/schema/${name}.v1.json`, import.meta.url), 'utf8'),
  ) as unknown;
  const Ajv = Ajv2020.default ?? Ajv2020;
  return new Ajv({ allErrors: true, strict: true }).compile(schema);
}

/**
 * expectSchemaValid expects `doc` to validate against docs/schema/`name`.v1.json, and the same
 * document without its `schema` field not to (so the schema can fail).
 */
export async function expectSchemaValid(name: string, doc: { schema: string }): Promise<void> {
  const validate = await schemaValidator(name);
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  const { schema: _schema, ...broken } = doc;
  expect(validate(broken)).toBe(false);
}
