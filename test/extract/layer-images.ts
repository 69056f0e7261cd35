/**
 * Image fixtures for the extraction tests: layers tarred by GNU tar from directories the test
 * fills (hard links and `.wh.` whiteout files included), or written entry by entry by Python's
 * tarfile (for names no file system can hold, like `../x`), stored gzip-compressed in an OCI layout.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { configJson, LayoutWriter, runTool, sha256, tagged, tarDir } from '../helpers/layout-fixtures.js';

/** Layout is a written fixture image: its reference and each layer's blob file. */
export interface Layout {
  ref: string;
  blobs: string[];
}

/** writeLayout stores `tars` (base first) as an image tagged `latest` in an OCI layout at `dir`. */
export async function writeLayout(dir: string, tars: Buffer[]): Promise<Layout> {
  const w = new LayoutWriter(dir);
  const layers = await Promise.all(
    tars.map((t) => w.blob(runTool('gzip', ['-n', '-c'], t), 'application/vnd.oci.image.layer.v1.tar+gzip')),
  );
  const config = await w.blob(
    configJson(tars.map((t) => sha256(t))),
    'application/vnd.oci.image.config.v1+json',
  );
  await w.finish([tagged(await w.manifest(config, layers), 'latest')]);
  return {
    ref: `oci:${dir}:latest`,
    blobs: layers.map((l) => join(dir, 'blobs', 'sha256', l.digest.slice('sha256:'.length))),
  };
}

/** tarOf lets `fill` populate a fresh directory under `work` and returns GNU tar's archive of it. */
export async function tarOf(work: string, fill: (dir: string) => Promise<void>): Promise<Buffer> {
  const dir = await mkdtemp(join(work, 'layer-'));
  await fill(dir);
  return tarDir(dir, '-', ['--mtime=@1700000000']);
}

/** PyEntry is one member Python's tarfile writes: a file with content, a dir, or a link. */
export type PyEntry =
  | { name: string; type: 'file'; content: string }
  | { name: string; type: 'dir' }
  | { name: string; type: 'symlink' | 'hardlink'; target: string };

const PY_TAR = `
import io, json, sys, tarfile
out = io.BytesIO()
with tarfile.open(fileobj=out, mode='w', format=tarfile.PAX_FORMAT) as t:
    for e in json.load(sys.stdin):
        info = tarfile.TarInfo(e['name'])
        info.mtime = 1700000000
        data = None
        if e['type'] == 'file':
            data = e['content'].encode()
            info.size = len(data)
            info.mode = 0o644
        elif e['type'] == 'dir':
            info.type = tarfile.DIRTYPE
            info.mode = 0o755
        else:
            info.type = tarfile.SYMTYPE if e['type'] == 'symlink' else tarfile.LNKTYPE
            info.linkname = e['target']
        t.addfile(info, io.BytesIO(data) if data is not None else None)
sys.stdout.buffer.write(out.getvalue())
`;

/** pythonTar writes `entries` in order, names exactly as given, with Python's tarfile. */
export function pythonTar(entries: PyEntry[]): Buffer {
  return execFileSync('python3', ['-c', PY_TAR], { input: JSON.stringify(entries), maxBuffer: 64 << 20 });
}
