/**
 * A FileSet over a directory on disk.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileSet } from './file-set.js';
import { readFile } from './file-stream.js';

/** dirFileSet serves the files below `dir`. */
export function dirFileSet(dir: string): FileSet {
  return {
    describe: (name) => (name === undefined ? dir : join(dir, name)),
    exists: async (name) => {
      try {
        return (await stat(join(dir, name))).isFile();
      } catch {
        return false;
      }
    },
    open: (name) => readFile(join(dir, name)),
  };
}
