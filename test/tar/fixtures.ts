/**
 * Fixture file trees for the tar tests, built on disk so that GNU tar can archive them: every entry
 * kind, long and non-ASCII names, odd modes, and sparse files.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/** LONG_DIR and LONG_FILE make a path over 255 bytes, beyond even ustar's prefix field. */
export const LONG_DIR = `long-${'d'.repeat(110)}`;
export const LONG_FILE = `${'f'.repeat(150)}.txt`;

/** patterned returns deterministic non-zero bytes. */
export function patterned(length: number, seed: number): Buffer {
  const b = Buffer.alloc(length);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = (x >>> 16) | 1;
  }
  return b;
}

/**
 * buildTree fills `root` with a file tree. `long` adds names ustar cannot store (paths over 256
 * bytes, link targets over 100); `sparse` adds files with holes (one with 30 data segments, so the
 * old GNU map needs extension blocks, one ending in a hole).
 */
export function buildTree(root: string, opts: { long: boolean; sparse: boolean }): void {
  mkdirSync(join(root, 'dir/sub'), { recursive: true });
  writeFileSync(join(root, 'dir/file.txt'), 'hello tar\n');
  writeFileSync(join(root, 'dir/empty'), '');
  writeFileSync(join(root, 'dir/big.bin'), patterned(70_001, 1));
  writeFileSync(join(root, 'dir/setuid'), '#!/bin/sh\n');
  chmodSync(join(root, 'dir/setuid'), 0o4755);
  chmodSync(join(root, 'dir/sub'), 0o1777);
  linkSync(join(root, 'dir/file.txt'), join(root, 'dir/hard'));
  symlinkSync('../dir/file.txt', join(root, 'dir/sym'));
  symlinkSync('/etc/passwd', join(root, 'abs-sym'));
  mkdirSync(join(root, 'ünïcødé'));
  writeFileSync(join(root, 'ünïcødé/日本語.txt'), 'konnichiwa');
  execFileSync('mkfifo', [join(root, 'fifo')]);
  execFileSync('mknod', [join(root, 'chardev'), 'c', '1', '3']);
  execFileSync('mknod', [join(root, 'blockdev'), 'b', '7', '200']);
  writeFileSync(join(root, `dir/${'n'.repeat(99)}`), 'name of 103 bytes with dir/');
  if (opts.long) {
    mkdirSync(join(root, LONG_DIR));
    writeFileSync(join(root, LONG_DIR, LONG_FILE), 'deep');
    symlinkSync(`${LONG_DIR}/${LONG_FILE}`, join(root, 'long-link'));
    linkSync(join(root, LONG_DIR, LONG_FILE), join(root, 'hard-to-long'));
  }
  if (opts.sparse) {
    writeSparse(
      join(root, 'sparse-many'),
      4 << 20,
      Array.from({ length: 30 }, (_, i) => i * 128 * 1024 + 8192),
    );
    writeSparse(join(root, 'sparse-tail'), 1 << 20, [0, 65536]);
  }
}

/** writeSparse makes a file of `size` bytes holding 4 KiB of data at each offset and holes elsewhere. */
export function writeSparse(path: string, size: number, offsets: number[]): void {
  const fd = openSync(path, 'w');
  try {
    offsets.forEach((offset, i) => writeSync(fd, patterned(4096, i + 7), 0, 4096, offset));
  } finally {
    closeSync(fd);
  }
  execFileSync('truncate', ['-s', String(size), path]);
}

/** GnuVariant is one way of running GNU tar: its format arguments and the tree features it can store. */
export interface GnuVariant {
  name: string;
  args: string[];
  long: boolean;
  sparse: boolean;
}

/** GNU_VARIANTS covers every format GNU tar writes, each sparse version, and numbers too big for octal. */
export const GNU_VARIANTS: GnuVariant[] = [
  { name: 'ustar', args: ['--format=ustar'], long: false, sparse: false },
  { name: 'gnu', args: ['--format=gnu', '--sparse'], long: true, sparse: true },
  { name: 'oldgnu', args: ['--format=oldgnu', '--sparse'], long: true, sparse: true },
  {
    name: 'posix-sparse-0.0',
    args: ['--format=posix', '--sparse', '--sparse-version=0.0'],
    long: true,
    sparse: true,
  },
  {
    name: 'posix-sparse-0.1',
    args: ['--format=posix', '--sparse', '--sparse-version=0.1'],
    long: true,
    sparse: true,
  },
  {
    name: 'posix-sparse-1.0',
    args: ['--format=posix', '--sparse', '--sparse-version=1.0'],
    long: true,
    sparse: true,
  },
  // ids and times that do not fit ustar's octal fields: base-256 in gnu, PAX records in posix
  {
    name: 'gnu-big-ids',
    args: ['--format=gnu', '--owner=big:3000000', '--group=big:4000000', '--mtime=@99999999999'],
    long: true,
    sparse: false,
  },
  {
    name: 'posix-big-ids',
    args: ['--format=posix', '--owner=big:3000000', '--group=big:4000000', '--mtime=@99999999999'],
    long: true,
    sparse: false,
  },
];
