/**
 * loadWebAssets: the explorer's browser bundle (app.js, app.css), built by scripts/build-web.mjs into
 * dist/web. Found beside the compiled server (dist/server → dist/web) or, when running from the
 * sources, in dist/web of the checkout.
 */
import { readFile } from 'node:fs/promises';
import { StowageError } from '../model/errors.js';

/** WebAssets is the bundled client. */
export interface WebAssets {
  js: string;
  css: string;
}

const CANDIDATES = ['../web/', '../../dist/web/'];

let memo: Promise<WebAssets> | undefined;

/** loadWebAssets reads the bundle once per process. */
export function loadWebAssets(): Promise<WebAssets> {
  memo ??= find();
  return memo;
}

async function find(): Promise<WebAssets> {
  for (const dir of CANDIDATES) {
    const base = new URL(dir, import.meta.url);
    try {
      const [js, css] = await Promise.all([
        readFile(new URL('app.js', base), 'utf8'),
        readFile(new URL('app.css', base), 'utf8'),
      ]);
      return { js, css };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  memo = undefined;
  throw new StowageError('NOT_FOUND', 'the explorer’s web bundle (dist/web/app.js) is missing', {
    hint: 'run `npm run build` in the stowage checkout',
  });
}
