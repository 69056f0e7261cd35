/**
 * An independent view of a docker save archive's layers: Python's tarfile lists every member of every
 * layer (name, type, size), so tests can recompute stored bytes, entry counts and path histories.
 */
import { execFileSync } from 'node:child_process';

/** OracleMember is one tar member of a layer. */
export interface OracleMember {
  name: string;
  /** tarfile's type: 'file', 'dir', 'symlink', 'hardlink', 'other' */
  type: string;
  size: number;
}

/** OracleImageLayer is one layer's blob size and members. */
export interface OracleImageLayer {
  blobSize: number;
  members: OracleMember[];
}

const PY = `
import json, sys, tarfile
outer = tarfile.open(sys.argv[1])
manifest = json.loads(outer.extractfile('manifest.json').read())
out = []
for name in manifest[0]['Layers']:
    m = outer.getmember(name)
    inner = tarfile.open(fileobj=outer.extractfile(m))
    members = []
    for t in inner.getmembers():
        kind = 'file' if t.isreg() else 'dir' if t.isdir() else 'symlink' if t.issym() else 'hardlink' if t.islnk() else 'other'
        members.append({'name': t.name.lstrip('./').rstrip('/'), 'type': kind, 'size': t.size if t.isreg() else 0})
    out.append({'blobSize': m.size, 'members': members})
json.dump(out, sys.stdout)
`;

/** readLayersWithPython lists the layers of a docker save archive. */
export function readLayersWithPython(archive: string): OracleImageLayer[] {
  return JSON.parse(
    execFileSync('python3', ['-c', PY, archive], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  ) as OracleImageLayer[];
}

/** isWhiteout tells a whiteout marker member from a real file. */
export function isWhiteout(name: string): boolean {
  return (name.split('/').pop() ?? '').startsWith('.wh.');
}

/** storedFileBytes is Σ regular-file sizes of a layer, whiteout markers excluded. */
export function storedFileBytes(layer: OracleImageLayer): number {
  return layer.members
    .filter((m) => m.type === 'file' && !isWhiteout(m.name))
    .reduce((a, m) => a + m.size, 0);
}
