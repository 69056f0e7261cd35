/**
 * buildSampleImage: the bytes of the sample image as a legacy `docker save` archive
 * (`<id>/layer.tar`, `<id>/json`, `<id>/VERSION`, `<config>.json`, `manifest.json`,
 * `repositories`). Layers are plain tar, as docker save writes them. Every byte is fixed: mtimes
 * come from the step number, entries are sorted, JSON is written in a fixed key order.
 */
import { createHash } from 'node:crypto';
import type { EntryType } from '../model/layer-entry.js';
import { writeTar, type TarWriteEntry } from '../tar/writer.js';
import { text } from './sample-content.js';
import { SAMPLE_CONFIG, SAMPLE_STEPS, type SampleFile } from './sample-steps.js';

/** SAMPLE_REPO_TAG is the name the sample image is saved under. */
export const SAMPLE_REPO_TAG = 'stowage-sample:latest';

/** SAMPLE_EPOCH is the sample's first build time (2024-01-01T00:00:00Z); step i is i hours later. */
export const SAMPLE_EPOCH = 1_704_067_200;

const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** byPath orders entries as a filesystem walk does: component by component, parents first. */
function byPath(a: { path: string }, b: { path: string }): number {
  const pa = a.path.split('/');
  const pb = b.path.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return (pa[i] as string) < (pb[i] as string) ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** layerEntries adds missing parent directories and fixes every entry's metadata. */
function layerEntries(files: readonly SampleFile[], mtime: number): TarWriteEntry[] {
  const entries = new Map<string, TarWriteEntry>();
  const dir = (path: string): TarWriteEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime });
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!entries.has(parent)) entries.set(parent, dir(parent));
    }
    const type: EntryType = f.type ?? 'file';
    const e: TarWriteEntry = { path: f.path, type, uid: 0, gid: 0, mtime };
    const mode = f.mode ?? (type === 'dir' ? 0o755 : type === 'file' ? 0o644 : undefined);
    if (mode !== undefined) e.mode = mode;
    if (f.linkTarget !== undefined) e.linkTarget = f.linkTarget;
    if (type === 'file') {
      const body = f.body ?? Buffer.alloc(0);
      e.size = body.length;
      e.body = body;
    }
    entries.set(f.path, e);
  }
  return [...entries.values()].sort(byPath);
}

interface BuiltLayer {
  id: string;
  parent: string | undefined;
  tar: Buffer;
  diffId: string;
  created: string;
  createdBy: string;
}

/** buildSampleImage returns the whole archive; the same bytes on every call and machine. */
export async function buildSampleImage(): Promise<Buffer> {
  const layers: BuiltLayer[] = [];
  const history: Record<string, unknown>[] = [];
  for (const [i, step] of SAMPLE_STEPS.entries()) {
    const mtime = SAMPLE_EPOCH + i * 3600;
    const created = iso(mtime);
    if (step.files === undefined) {
      history.push({ created, created_by: step.createdBy, empty_layer: true });
      continue;
    }
    history.push({ created, created_by: step.createdBy });
    const tar = await collect(writeTar(layerEntries(step.files, mtime)));
    const diffId = `sha256:${sha256(tar)}`;
    const parent = layers.at(-1)?.id;
    layers.push({ id: sha256(`${parent ?? ''}\n${diffId}`), parent, tar, diffId, created, createdBy: step.createdBy });
  }
  const created = iso(SAMPLE_EPOCH + (SAMPLE_STEPS.length - 1) * 3600);
  const config = text(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created,
      author: 'stowage sample builder',
      config: SAMPLE_CONFIG,
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history,
    }),
  );
  const configName = `${sha256(config)}.json`;
  const top = layers.at(-1) as BuiltLayer;
  const [repo, tag] = SAMPLE_REPO_TAG.split(':') as [string, string];
  const manifest = [{ Config: configName, RepoTags: [SAMPLE_REPO_TAG], Layers: layers.map((l) => `${l.id}/layer.tar`) }];
  const mtime = SAMPLE_EPOCH;
  const file = (path: string, body: Buffer): TarWriteEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime, size: body.length, body });
  const members: TarWriteEntry[] = [file(configName, config), file('manifest.json', text(JSON.stringify(manifest))), file('repositories', text(JSON.stringify({ [repo]: { [tag]: top.id } })))];
  for (const l of layers) {
    const v1 = { id: l.id, ...(l.parent !== undefined && { parent: l.parent }), created: l.created, container_config: { Cmd: [l.createdBy] }, os: 'linux' };
    members.push({ path: l.id, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime });
    members.push(file(`${l.id}/VERSION`, text('1.0')));
    members.push(file(`${l.id}/json`, text(JSON.stringify(v1))));
    members.push(file(`${l.id}/layer.tar`, l.tar));
  }
  return collect(writeTar(members.sort(byPath)));
}
