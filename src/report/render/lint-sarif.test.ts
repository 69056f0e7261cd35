/**
 * SARIF output checks. The OASIS SARIF 2.1.0 JSON schema is not on this machine, so the test
 * validates the schema's requirements for the parts stowage writes (written out below from the
 * spec: required properties, enums, minimums, URI references) and the cross-references.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { lintRunOf } from '../../../test/helpers/lint-run.js';
import { artifactUri, buildLintSarif } from './lint-sarif.js';

const message = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string', minLength: 1 } },
};
const multiformat = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' }, markdown: { type: 'string' } },
};
const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { enum: ['2.1.0'] },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  version: { type: 'string' },
                  rules: {
                    type: 'array',
                    uniqueItems: true,
                    items: {
                      type: 'object',
                      required: ['id', 'shortDescription', 'fullDescription', 'help', 'defaultConfiguration'],
                      properties: {
                        id: { type: 'string' },
                        shortDescription: multiformat,
                        fullDescription: multiformat,
                        help: multiformat,
                        helpUri: { type: 'string', format: 'uri' },
                        defaultConfiguration: {
                          type: 'object',
                          properties: { level: { enum: ['none', 'note', 'warning', 'error'] } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          artifacts: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                location: {
                  type: 'object',
                  required: ['uri'],
                  properties: { uri: { type: 'string', format: 'uri-reference' } },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message', 'ruleId', 'level', 'locations'],
              properties: {
                message,
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                locations: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    required: ['physicalLocation'],
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation', 'region'],
                        properties: {
                          artifactLocation: {
                            type: 'object',
                            required: ['uri'],
                            properties: {
                              uri: { type: 'string', format: 'uri-reference' },
                              index: { type: 'integer', minimum: -1 },
                            },
                          },
                          region: {
                            type: 'object',
                            required: ['startLine', 'startColumn', 'endLine', 'endColumn'],
                            properties: {
                              startLine: { type: 'integer', minimum: 1 },
                              startColumn: { type: 'integer', minimum: 1 },
                              endLine: { type: 'integer', minimum: 1 },
                              endColumn: { type: 'integer', minimum: 1 },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const URI_FORMATS = {
  uri: (s: string) => URL.canParse(s),
  'uri-reference': (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s),
};

describe('buildLintSarif', () => {
  it('meets the SARIF 2.1.0 requirements for rules, artifacts and results', async () => {
    const run = await lintRunOf({
      'dir with space/Dockerfile':
        'FROM debian\nCOPY id_rsa /k\nRUN apt-get update && apt-get install -y gcc && rm /k\n',
    });
    const log = buildLintSarif(run);
    const ajv = new Ajv({ allErrors: true });
    for (const [name, fn] of Object.entries(URI_FORMATS)) ajv.addFormat(name, fn);
    const validate = ajv.compile(SARIF_SUBSET);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);

    const sarifRun = log.runs[0]!;
    const rules = sarifRun.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(run.rules.map((r) => r.id));
    const findings = run.files[0]!.findings;
    expect(sarifRun.results!.map((r) => r.ruleId)).toEqual(findings.map((f) => f.ruleId));
    for (const [k, r] of sarifRun.results!.entries()) {
      expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId);
      const region = r.locations![0]!.physicalLocation!.region!;
      expect([region.startLine, region.startColumn]).toEqual([findings[k]!.line, findings[k]!.column]);
      expect(r.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('dir%20with%20space/Dockerfile');
    }
    expect(sarifRun.results!.find((r) => r.ruleId === 'STW007')?.level).toBe('error');
    expect(sarifRun.results!.find((r) => r.ruleId === 'STW008')?.level).toBe('note');
  });

  it('fails the same validation when a required part is missing (the check can fail)', async () => {
    const log = buildLintSarif(await lintRunOf({ Dockerfile: 'FROM debian\nRUN apt-get install -y x\n' }));
    delete (log.runs[0]!.results![0] as { message?: unknown }).message;
    const ajv = new Ajv();
    for (const [name, fn] of Object.entries(URI_FORMATS)) ajv.addFormat(name, fn);
    expect(ajv.compile(SARIF_SUBSET)(log)).toBe(false);
  });

  it('turns absolute paths into file: URLs', () => {
    expect(artifactUri('/tmp/a b/Dockerfile')).toBe('file:///tmp/a%20b/Dockerfile');
  });
});
