import { describe, expect, it } from 'vitest';
import { applyEdits } from './text-edits.js';

const at = (line: number, column: number) => ({ line, column });

describe('applyEdits', () => {
  it('applies edits on several lines and skips one overlapping an accepted edit', () => {
    const r = applyEdits('abc\ndef\n', [
      { span: { start: at(1, 2), end: at(1, 3) }, newText: 'B' },
      { span: { start: at(2, 1), end: at(2, 4) }, newText: 'xyz' },
      { span: { start: at(2, 2), end: at(2, 3) }, newText: '!' },
    ]);
    expect(r.text).toBe('aBc\nxyz\n');
    expect(r.skipped).toHaveLength(1);
  });
  it('puts an insertion in front of a replacement starting at the same place', () => {
    const r = applyEdits('RUN a\nRUN b\n', [
      { span: { start: at(1, 6), end: at(2, 5) }, newText: ' && ' },
      { span: { start: at(1, 6), end: at(1, 6) }, newText: ' x' },
    ]);
    expect(r.text).toBe('RUN a x && b\n');
  });
});
