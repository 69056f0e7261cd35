/**
 * `stowage cache info|prune`: the registry blob cache in `$XDG_CACHE_HOME/stowage` — how much it
 * holds, and removing least recently used blobs down to a size cap.
 */
import { StowageError } from '../../model/errors.js';
import { BlobCache, defaultCacheDir } from '../../source/cache/blob-cache.js';
import type { Command } from '../command.js';

const UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** parseSize reads `500M`, `2GiB`, `10g` or a byte count (units are powers of 1024). */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(s.trim());
  if (m === null) {
    throw new StowageError('USAGE', `"${s}" is not a size`, { hint: 'write e.g. 500M, 2G or 1073741824' });
  }
  return Math.floor(Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? 1));
}

/** cacheCommand reports on and prunes the blob cache. */
export const cacheCommand: Command = {
  name: 'cache',
  summary: 'show or prune the registry blob cache',
  synopsis: 'info|prune',
  description:
    'info: where the cache is, how many blobs and bytes it holds.\n' +
    'prune: remove least recently used blobs until the cache holds at most --max-size (default 0: empty it).\n' +
    'With --format json prints a stowage.cache/v1 (info) or stowage.cache-prune/v1 (prune) document.',
  options: [
    {
      name: 'max-size',
      type: 'string',
      valueName: 'SIZE',
      description: 'prune down to SIZE (e.g. 2G, 500M)',
    },
    {
      name: 'cache-dir',
      type: 'string',
      valueName: 'DIR',
      description: 'the cache directory (default $XDG_CACHE_HOME/stowage)',
    },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const action = ctx.args[0];
    const dirOpt = ctx.values['cache-dir'];
    const dir = typeof dirOpt === 'string' ? dirOpt : defaultCacheDir(ctx.io.env);
    const cache = new BlobCache(dir);
    const json = ctx.global.format === 'json';
    if (action === 'info') {
      const u = await cache.usage();
      ctx.out(
        json
          ? `${JSON.stringify({ schema: 'stowage.cache/v1', dir, ...u }, null, 2)}\n`
          : `${dir}\n  ${u.blobs} blobs, ${u.bytes} bytes\n`,
      );
      return;
    }
    if (action !== 'prune') {
      throw new StowageError('USAGE', `unknown cache action "${action}"`, {
        hint: 'use `stowage cache info` or `stowage cache prune --max-size SIZE`',
      });
    }
    const max = ctx.values['max-size'];
    const r = await cache.prune(typeof max === 'string' ? parseSize(max) : 0);
    ctx.out(
      json
        ? `${JSON.stringify({ schema: 'stowage.cache-prune/v1', dir, ...r }, null, 2)}\n`
        : `removed ${r.removed} blobs (${r.freedBytes} bytes); ${r.keptBytes} bytes kept in ${dir}\n`,
    );
  },
};
