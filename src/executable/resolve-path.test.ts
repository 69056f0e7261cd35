import { describe, expect, it } from 'vitest';
import type { FileNode } from '../filetree/file-node.js';
import type { ImageFs } from './image-fs.js';
import { resolvePath } from './resolve-path.js';
import { parseShebang } from './shebang.js';

/** fakeFs builds an ImageFs from `path → symlink target | 'dir' | 'file'`. */
function fakeFs(spec: Record<string, string>): ImageFs {
  const node = (path: string): FileNode | undefined => {
    const v = spec[path];
    if (v === undefined) return undefined;
    const base = {
      path,
      name: path.split('/').pop() as string,
      size: 0,
      mode: 0o755,
      uid: 0,
      gid: 0,
      mtime: 0,
      layer: 0,
      implicit: false,
    };
    if (v === 'dir' || v === 'file') return { ...base, type: v };
    return { ...base, type: 'symlink', linkTarget: v };
  };
  return { node, children: () => [], readFiles: () => Promise.resolve(new Map()) };
}

const fs = fakeFs({
  usr: 'dir',
  'usr/bin': 'dir',
  'usr/bin/busybox': 'file',
  'usr/bin/sh': 'busybox',
  bin: 'usr/bin',
  'usr/bin/abs': '/usr/bin/sh',
  'usr/bin/up': '../bin/sh',
  'usr/bin/loop1': 'loop2',
  'usr/bin/loop2': 'loop1',
  'usr/bin/escape': '../../../etc/passwd',
  'usr/bin/gone': 'nothing-here',
});

describe('resolvePath', () => {
  it('follows relative, absolute and directory links inside the root', () => {
    expect(resolvePath(fs, '/bin/sh')).toEqual({
      path: 'usr/bin/busybox',
      links: ['bin', 'usr/bin/sh'],
      exists: true,
    });
    expect(resolvePath(fs, '/usr/bin/abs').path).toBe('usr/bin/busybox');
    expect(resolvePath(fs, '/usr/bin/up').path).toBe('usr/bin/busybox');
    expect(resolvePath(fs, 'sh', 'bin').path).toBe('usr/bin/busybox');
    expect(resolvePath(fs, '/bin/sh', '.', false).path).toBe('usr/bin/sh');
  });

  it('reports a missing target with the links crossed', () => {
    expect(resolvePath(fs, '/usr/bin/gone')).toEqual({
      path: 'usr/bin/nothing-here',
      links: ['usr/bin/gone'],
      exists: false,
    });
  });

  it('refuses a symlink loop and a link climbing out of the root', () => {
    expect(() => resolvePath(fs, '/usr/bin/loop1')).toThrow(/symlink loop/);
    expect(() => resolvePath(fs, '/usr/bin/escape')).toThrow(/points outside the image root/);
    // `..` the user wrote at the root stays at the root, as the kernel does
    expect(resolvePath(fs, '/../usr/bin/busybox').path).toBe('usr/bin/busybox');
  });
});

describe('parseShebang', () => {
  it('reads the interpreter, its one argument and env commands', () => {
    expect(parseShebang(Buffer.from('#!/bin/sh\necho'))).toEqual({ interpreter: '/bin/sh' });
    expect(parseShebang(Buffer.from('#! /usr/bin/python3 -u\r\n'))).toEqual({
      interpreter: '/usr/bin/python3',
      arg: '-u',
    });
    expect(parseShebang(Buffer.from('#!/usr/bin/env -S node --max-old-space-size=64\n'))).toEqual({
      interpreter: '/usr/bin/env',
      arg: '-S node --max-old-space-size=64',
      envCommand: 'node',
    });
    expect(parseShebang(Buffer.from('\x7fELF'))).toBeUndefined();
  });
});
