import { describe, expect, it } from 'vitest';
import { sarifErrors } from './sarif-schema.js';

describe('sarifErrors', () => {
  const valid = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'stowage', rules: [{ id: 'X1', shortDescription: { text: 'x' } }] } },
        results: [{ ruleId: 'X1', level: 'warning', message: { text: 'm' } }],
      },
    ],
  };
  it('accepts a minimal valid log', () => {
    expect(sarifErrors(valid)).toEqual([]);
  });
  it('rejects a wrong version, a bad level and a result without a message', () => {
    const bad = structuredClone(valid) as Record<string, unknown>;
    bad.version = '2.0.0';
    const run = (bad.runs as { results: Record<string, unknown>[] }[])[0]!;
    run.results[0]!.level = 'fatal';
    delete run.results[0]!.message;
    expect(sarifErrors(bad).length).toBeGreaterThanOrEqual(3);
  });
});
