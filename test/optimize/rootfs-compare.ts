/**
 * Final-filesystem checks with real tools: unpack an OCI layout image with `umoci unpack` and walk
 * the rootfs (path, type, mode, uid/gid, size, content hash, link target); compare two walks
 * ignoring paths removed on purpose; and sum regular-file bytes of layer blobs with Python's tarfile.
 */
import { join } from 'node:path';
import type { FlatNode } from '../filetree/rootfs.js';
import { walkRootfs } from '../filetree/rootfs.js';
import { run, runText } from '../fixtures/run.js';

/** unpackRootfs unpacks `ref` (oci:DIR:tag) into `bundle` with umoci and walks its rootfs. */
export async function unpackRootfs(ref: string, bundle: string): Promise<Map<string, FlatNode>> {
  await run('umoci', ['unpack', '--image', ref.replace(/^oci:/, ''), bundle]);
  return (await walkRootfs(join(bundle, 'rootfs'))).nodes;
}

/** fsDifferences lists paths that differ between two walks, skipping `removed` and everything below. */
export function fsDifferences(
  a: Map<string, FlatNode>,
  b: Map<string, FlatNode>,
  removed: readonly string[] = [],
): string[] {
  const skip = (p: string) => removed.some((r) => p === r || p.startsWith(`${r}/`));
  const out: string[] = [];
  for (const [path, node] of a) {
    if (skip(path)) continue;
    const other = b.get(path);
    if (other === undefined) out.push(`missing ${path}`);
    else if (JSON.stringify(node) !== JSON.stringify(other))
      out.push(`changed ${path}: ${JSON.stringify(node)} → ${JSON.stringify(other)}`);
  }
  for (const path of b.keys()) if (!a.has(path)) out.push(`extra ${path}`);
  return out;
}

const SUM_PY = `
import sys, tarfile, json
total = 0
for blob in sys.argv[1:]:
    with tarfile.open(blob, 'r:*') as t:
        for m in t:
            base = m.name.rsplit('/', 1)[-1]
            if m.isreg() and not base.startswith('.wh.'):
                total += m.size
print(json.dumps(total))
`;

/** layerFileBytes sums regular-file sizes over the layer blobs of a layout image, with Python. */
export async function layerFileBytes(
  layoutDir: string,
  manifest: { layers: { digest: string }[] },
): Promise<number> {
  const blobs = manifest.layers.map((l) => join(layoutDir, 'blobs', 'sha256', l.digest.slice(7)));
  return Number(await runText('python3', ['-c', SUM_PY, ...blobs]));
}
