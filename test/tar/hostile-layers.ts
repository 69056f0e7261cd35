/**
 * Hostile layers for the resource-limit tests: tars crafted to make a reader recurse, buffer or
 * materialise without bound — 10,000 nested directories, an 8 MB GNU long name, PAX global headers
 * that accumulate, and sparse "bombs" declaring a huge logical size over a few stored bytes.
 */
import { archive, gnuLong, header, member, padded, paxHeader } from './craft.js';

/** deepDirs nests `depth` directories (PAX paths, as no ustar field holds them) and a file at the bottom. */
export function deepDirs(depth: number): Buffer {
  const parts: Buffer[] = [];
  let path = '';
  for (let i = 0; i < depth; i++) {
    path = path === '' ? 'd' : `${path}/d`;
    parts.push(paxHeader([['path', path]]), member({ name: 'deep-dir', type: '5', mode: 0o755 }));
  }
  parts.push(paxHeader([['path', `${path}/bottom`]]), member({ name: 'deep-file' }, 'bottom\n'));
  return archive(parts);
}

/** longGnuName is one file whose GNU long name is `bytes` long. */
export function longGnuName(bytes: number): Buffer {
  return archive([gnuLong('L', 'n'.repeat(bytes)), member({ name: 'short', magic: 'gnu' }, 'x\n')]);
}

/** paxGlobals is `count` PAX global headers, each adding a distinct `size`-byte record, and one file. */
export function paxGlobals(count: number, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < count; i++) parts.push(paxHeader([[`comment.${i}`, 'v'.repeat(size)]], 'g'));
  parts.push(member({ name: 'file' }, 'after globals\n'));
  return archive(parts);
}

/** sparseBomb is a PAX 0.1 sparse file of `realSize` logical bytes storing 512 bytes at its end. */
export function sparseBomb(realSize: number): Buffer {
  return archive([
    paxHeader([
      ['GNU.sparse.size', String(realSize)],
      ['GNU.sparse.map', `${realSize - 512},512`],
      ['GNU.sparse.name', 'bomb'],
    ]),
    header({ name: 'GNUSparseFile.0/bomb', size: 512 }),
    padded(Buffer.alloc(512, 0x41)),
  ]);
}
