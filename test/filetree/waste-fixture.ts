/**
 * The hand-checked layer fixture shared by the exact-waste and dive-score tests: an overwrite, a
 * directory delete, a chmod-only copy, an opaque directory, and a final directory delete.
 */
import type { LayerEntry } from '../../src/model/layer-entry.js';
import { dir, file, opaque, whiteout } from './entries.js';

/** bytes returns a string of `n` one-byte characters. */
export const bytes = (n: number): string => 'x'.repeat(n);

/** WASTE_FIXTURE: four layers, base first. */
export const WASTE_FIXTURE: LayerEntry[][] = [
  [
    dir('a'),
    file('a/x', bytes(100)),
    file('a/y', bytes(50)),
    dir('b'),
    file('b/z', bytes(30)),
    file('c', bytes(10)),
  ],
  [dir('a'), file('a/x', bytes(120)), whiteout('b'), file('c', bytes(10), { mode: 0o755 })],
  [dir('a'), opaque('a'), file('a/w', bytes(5))],
  [whiteout('a')],
];
