/**
 * SARIF_2_1_0_SUBSET: the OASIS SARIF 2.1.0 schema's requirements for every part `stowage check`
 * writes (sarifLog, run, tool, reportingDescriptor, result with kind/level, logical locations,
 * invocations), written out from the spec because the official schema file is not on this machine.
 * Unknown properties are refused where the official schema refuses them (additionalProperties false).
 */
const message = {
  type: 'object',
  properties: { text: { type: 'string' }, markdown: { type: 'string' } },
  anyOf: [{ required: ['text'] }, { required: ['id'] }],
};
const mf = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' }, markdown: { type: 'string' } },
};
const propertyBag = {
  type: 'object',
  properties: { tags: { type: 'array', uniqueItems: true, items: { type: 'string' } } },
};

/** SARIF_2_1_0_SUBSET is an ajv (draft-07 compatible) schema. */
export const SARIF_2_1_0_SUBSET = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { enum: ['2.1.0'] },
    runs: {
      type: ['array', 'null'],
      minItems: 0,
      uniqueItems: false,
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
                  name: { type: 'string' },
                  version: { type: 'string' },
                  informationUri: { type: 'string', format: 'uri' },
                  rules: {
                    type: 'array',
                    uniqueItems: true,
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        shortDescription: mf,
                        fullDescription: mf,
                        help: mf,
                        helpUri: { type: 'string', format: 'uri' },
                        defaultConfiguration: {
                          type: 'object',
                          properties: {
                            level: { enum: ['none', 'note', 'warning', 'error'] },
                            enabled: { type: 'boolean' },
                          },
                        },
                        properties: propertyBag,
                      },
                    },
                  },
                },
              },
            },
          },
          invocations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['executionSuccessful'],
              properties: { executionSuccessful: { type: 'boolean' }, exitCode: { type: 'integer' } },
            },
          },
          results: {
            type: ['array', 'null'],
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                ruleId: { type: 'string' },
                kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message,
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      logicalLocations: {
                        type: 'array',
                        minItems: 0,
                        items: {
                          type: 'object',
                          properties: {
                            name: { type: 'string' },
                            fullyQualifiedName: { type: 'string' },
                            kind: { type: 'string' },
                          },
                        },
                      },
                    },
                  },
                },
                properties: { type: 'object' },
              },
              // SARIF §3.27.9/§3.27.10: a result whose kind is not 'fail' must have level 'none'
              if: { required: ['kind'], properties: { kind: { not: { const: 'fail' } } } },
              then: { properties: { level: { const: 'none' } } },
            },
          },
        },
      },
    },
  },
};
