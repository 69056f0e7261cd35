import { describe, expect, it } from 'vitest';
import { escapeControls, escapeStrings, terminalSafe } from './escape.js';

describe('escapeControls', () => {
  it('writes out C0, DEL, C1 and bidi controls and is idempotent', () => {
    const s = 'a\x1b[2Jb\rc\nd\te\x07f\x7fg\u009bh\u202ei\u2028j';
    const once = escapeControls(s);
    expect(once).toBe('a\\x1b[2Jb\\rc\\nd\\te\\x07f\\x7fg\\x9bh\\u202ei\\u2028j');
    expect(escapeControls(once)).toBe(once);
    expect(escapeControls('plain ünïcode ✓')).toBe('plain ünïcode ✓');
  });
});

describe('escapeStrings', () => {
  it('copies a document with every string and key escaped, shared objects kept shared', () => {
    const shared = { name: 'x\ny' };
    const doc = { [`k\x1b`]: [shared, shared, 3, null, true], n: 1 };
    const out = escapeStrings(doc);
    expect(out).toEqual({ 'k\\x1b': [{ name: 'x\\ny' }, { name: 'x\\ny' }, 3, null, true], n: 1 });
    const list = (out as unknown as Record<string, unknown[]>)['k\\x1b'] as unknown[];
    expect(list[0]).toBe(list[1]);
    expect(doc[`k\x1b`]?.[0]).toEqual({ name: 'x\ny' });
  });

  it('walks a deeply nested document without recursion', () => {
    let deep: unknown = 'leaf\x1b';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    let out = escapeStrings(deep);
    for (let i = 0; i < 200_000; i++) out = (out as unknown[])[0];
    expect(out).toBe('leaf\\x1b');
  });
});

describe('terminalSafe', () => {
  it('keeps newlines, tabs and SGR colour, writes out everything else', () => {
    expect(terminalSafe('\x1b[1mbold\x1b[22m\tx\n\x1b]0;t\x07\r')).toBe(
      '\x1b[1mbold\x1b[22m\tx\n\\x1b]0;t\\x07\\r',
    );
  });
});
