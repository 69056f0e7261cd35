import { describe, expect, it } from 'vitest';
import { createStyle, stripAnsi } from './style.js';
import { renderTable } from './table.js';
import { truncate } from './text.js';

describe('renderTable', () => {
  it('aligns columns by visible width, ignoring ANSI codes', () => {
    const s = createStyle(true);
    const out = renderTable(
      [{ header: 'NAME' }, { header: 'SIZE', align: 'right' }],
      [
        [s.red('a'), '1 B'],
        ['longer', '12.3 MB'],
      ],
    );
    expect(out).toContain('\x1b[31ma\x1b[39m');
    const plain = stripAnsi(out).split('\n');
    expect(plain[0]).toBe('NAME       SIZE');
    expect(plain[1]).toBe('a           1 B');
    expect(plain[2]).toBe('longer  12.3 MB');
  });
  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
