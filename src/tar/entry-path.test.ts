/** Path normalisation and whiteout recognition. */
import { describe, expect, it } from 'vitest';
import { normalizePath, whiteoutOf } from './entry-path.js';

describe('normalizePath', () => {
  it.each([
    ['./', '.'],
    ['.', '.'],
    ['/', '.'],
    ['', '.'],
    ['./etc/', 'etc'],
    ['/usr/bin/env', 'usr/bin/env'],
    ['././a//b/./c/', 'a/b/c'],
    ['a/../b', 'b'],
    ['x/../../etc/.wh.secret', 'etc/.wh.secret'],
    ['../../etc/passwd', 'etc/passwd'],
    ['a/b/..', 'a'],
    ['..', '.'],
    ['a..b/..c', 'a..b/..c'],
    ['.hidden/file', '.hidden/file'],
    ['ünï/日本', 'ünï/日本'],
  ])('%j -> %j', (raw, want) => expect(normalizePath(raw)).toBe(want));
});

describe('whiteoutOf', () => {
  it.each([
    ['etc/.wh.passwd', { whiteout: 'file', path: 'etc/passwd' }],
    ['.wh.top', { whiteout: 'file', path: 'top' }],
    ['var/cache/.wh..wh..opq', { whiteout: 'opaque', path: 'var/cache' }],
    ['.wh..wh..opq', { whiteout: 'opaque', path: '.' }],
    ['etc/.wh.', undefined],
    ['etc/x.wh.y', undefined],
    ['.whx/file', undefined],
  ])('%j', (path, want) => expect(whiteoutOf(path)).toEqual(want));
});
