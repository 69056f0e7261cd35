/**
 * Validation against the official SARIF 2.1.0 JSON schema (draft-04), as shipped in the npm package
 * @microsoft/jest-sarif; ajv-draft-04 compiles it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';

const require = createRequire(import.meta.url);
const schemaFile = join(
  dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib/schemas/sarif-2.1.0-rtm.5.json',
);

// The package is CommonJS with `exports.default`; under NodeNext the default import is the module.
const AjvDraft04 = (ajvDraft04 as unknown as { default: typeof ajvDraft04.default }).default;

let validator: ValidateFunction | undefined;

/** sarifErrors returns the schema violations of a SARIF log (empty when it is valid). */
export function sarifErrors(log: unknown): string[] {
  if (validator === undefined) {
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    // The formats the schema uses, checked rather than ignored.
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s));
    ajv.addFormat('date-time', (s: string) =>
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s),
    );
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    validator = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  }
  if (validator(log)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
