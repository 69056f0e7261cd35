/**
 * The official SBOM JSON schemas, committed as fixtures and compiled with ajv (draft-07) and
 * ajv-formats (so `date-time`, `uri` and the other formats are checked, not ignored):
 * - schemas/spdx-2.3.schema.json: spdx/spdx-spec `schemas/spdx-schema-2-3.json` (SPDX 2.3), as
 *   stored in the public repository;
 * - schemas/bom-1.5.SNAPSHOT.schema.json with the spdx.SNAPSHOT and jsf-0.82.SNAPSHOT schemas it
 *   references: CycloneDX 1.5 from the CycloneDX/specification repository as the npm package
 *   @cyclonedx/cyclonedx-library 10.3.0 ships them for offline validation (res/schema/; its
 *   README names the specification commit and the edits: `$ref`s renamed to the SNAPSHOT files,
 *   and the spdx license enum relaxed).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Validate = ((data: unknown) => boolean) & { errors?: unknown };
interface AjvLike {
  addSchema(schema: unknown, key?: string): AjvLike;
  addFormat(name: string, format: boolean): AjvLike;
  compile(schema: unknown): Validate;
}
type AjvClass = new (opts: object) => AjvLike;

const require = createRequire(import.meta.url);
const AjvModule = require('ajv') as AjvClass & { default?: AjvClass };
const addFormats = require('ajv-formats') as ((ajv: AjvLike) => void) & { default?: (ajv: AjvLike) => void };

function schema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`schemas/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

function ajv(): AjvLike {
  const Ajv = AjvModule.default ?? AjvModule;
  const a = new Ajv({ allErrors: true, strict: false });
  (addFormats.default ?? addFormats)(a);
  // formats ajv-formats does not define: accepted as any string (our documents never use them)
  for (const f of ['iri-reference', 'idn-email']) a.addFormat(f, true);
  return a;
}

/** spdxValidator validates SPDX 2.3 JSON documents. */
export function spdxValidator(): Validate {
  return ajv().compile(schema('spdx-2.3.schema.json'));
}

/** cycloneDxValidator validates CycloneDX 1.5 JSON BOMs. */
export function cycloneDxValidator(): Validate {
  const a = ajv();
  // the bom schema's relative $refs resolve against its $id
  for (const name of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
    a.addSchema({ ...schema(name), $id: `http://cyclonedx.org/schema/${name}` });
  }
  return a.compile(schema('bom-1.5.SNAPSHOT.schema.json'));
}
