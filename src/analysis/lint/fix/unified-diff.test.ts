import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'stw-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** applyWithPatch applies `diff` to a file holding `a` with GNU patch, the oracle, and returns the result. */
function applyWithPatch(a: string, diff: string): string {
  const file = path.join(dir, 'f');
  writeFileSync(file, a);
  if (diff !== '')
    execFileSync('patch', ['-s', '-p1', '-i', '-'], {
      cwd: dir,
      input: diff.replace(/^(---|\+\+\+) [ab]\/f$/gm, '$1 x/f'),
    });
  return readFileSync(file, 'utf8');
}

const text = fc
  .tuple(
    fc.array(fc.constantFrom('RUN a', 'RUN b', 'FROM x', '', 'COPY . .', 'CMD c'), { maxLength: 14 }),
    fc.boolean(),
  )
  .map(([lines, eol]) => (lines.length === 0 ? '' : lines.join('\n') + (eol ? '\n' : '')));

describe('unifiedDiff', () => {
  it('produces diffs GNU patch applies exactly (random texts, with and without final newline)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(applyWithPatch(a, unifiedDiff(a, b, 'a/f', 'b/f'))).toBe(b);
      }),
      { numRuns: 60 },
    );
  });
  it('is empty for equal texts and shows removals before additions', () => {
    expect(unifiedDiff('x\n', 'x\n', 'a', 'b')).toBe('');
    expect(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'a/f', 'b/f')).toBe(
      '--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n',
    );
  });
});
