/**
 * Keeps the import arrows of DESIGN.md §1 true: model ← compress, tar, filetree ← source, sink,
 * dockerfile ← analysis, optimize ← report ← cli, server. A module may import its own folder and
 * lower ranks only; analyses never import a concrete image source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

const RANK: Record<string, number> = {
  model: 0,
  compress: 1,
  tar: 1,
  filetree: 1,
  source: 2,
  sink: 2,
  dockerfile: 2,
  analysis: 3,
  extract: 2,
  catalog: 3,
  optimize: 3,
  executable: 3,
  slim: 3.5,
  report: 4,
  server: 5,
  sample: 5,
  // the CLI starts the explorer's server (`stowage explore`)
  cli: 6,
};

/** Documented exceptions: [from-prefix, to-prefix, why]. */
const ALLOWED: [string, string, string][] = [
  ['cli/', 'index.ts', 'the CLI uses the library API from the package root'],
  ['sink/registry-push/', 'source/registry/', 'push shares the registry client, its auth and retries'],
  [
    'optimize/',
    'source/blob-layer.ts',
    'a rewritten layer is served by the one generic Layer implementation',
  ],
  ['optimize/', 'source/blob-store.ts', 'the BlobStore interface behind the generic Layer'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [p] : [];
  });
}

function topOf(rel: string): string {
  return rel.includes('/') ? (rel.split('/')[0] as string) : rel;
}

/** violations lists `from -> to` imports that point up or sideways across folders. */
function violations(): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file);
    const fromTop = topOf(from);
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const to = relative(SRC, normalize(join(dirname(file), m[1] as string))).replace(/\.js$/, '.ts');
      const toTop = topOf(to);
      if (toTop === fromTop || !from.includes('/')) continue;
      const up = (RANK[toTop] ?? Infinity) >= (RANK[fromTop] ?? Infinity);
      const concreteSource = fromTop === 'analysis' && toTop === 'source';
      if (!up && !concreteSource) continue;
      if (ALLOWED.some(([f, t]) => from.startsWith(f) && to.startsWith(t))) continue;
      out.push(`${from} -> ${to}`);
    }
  }
  return out;
}

describe('import direction', () => {
  it('has every src folder ranked', () => {
    const tops = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());
    expect(tops.filter((t) => RANK[t] === undefined)).toEqual([]);
  });

  it('imports only downwards (DESIGN.md §1)', () => {
    expect(violations()).toEqual([]);
  });

  it('keeps the browser client apart: web/ imports only types from src/report, values only from dependency-free modules', () => {
    const WEB = join(SRC, '..', 'web');
    const bad: string[] = [];
    for (const file of sourceFiles(WEB).concat(tsxFiles(WEB))) {
      for (const m of readFileSync(file, 'utf8').matchAll(
        /^import (type )?[^;]*? from '(\.{1,2}\/[^']+)'/gm,
      )) {
        const to = relative(SRC, normalize(join(dirname(file), m[2] as string)));
        if (to.startsWith('..')) continue; // inside web/
        const typeOnly = m[1] !== undefined;
        if (to.startsWith('report/') && (typeOnly || SHARED_WITH_WEB.includes(to))) continue;
        bad.push(`${relative(WEB, file)} -> src/${to}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

/** SHARED_WITH_WEB are the src modules the browser bundle may take values from: they import nothing. */
const SHARED_WITH_WEB = ['report/explore-types.js', 'report/format/size.js', 'report/format/mode.js'];

describe('modules shared with the browser', () => {
  it('import nothing but types', () => {
    for (const m of SHARED_WITH_WEB) {
      const text = readFileSync(join(SRC, m.replace(/\.js$/, '.ts')), 'utf8');
      expect(text.match(/^import (?!type )/gm), m).toBeNull();
    }
  });
});

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsxFiles(p);
    return name.endsWith('.tsx') ? [p] : [];
  });
}
