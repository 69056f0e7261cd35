// Bundles the explorer's client (web/) with esbuild into dist/web/app.js and copies its stylesheet:
// one file each, no CDN, served by `stowage explore` and inlined by `stowage report`.
import { copyFile, mkdir } from 'node:fs/promises';
import { build } from 'esbuild';

await mkdir('dist/web', { recursive: true });
await build({
  entryPoints: ['web/main.tsx'],
  outfile: 'dist/web/app.js',
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'chrome110',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile('web/app.css', 'dist/web/app.css');
