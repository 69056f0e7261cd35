/**
 * The umoci oracle for crafted layers: put hand-made layer tars into an OCI layout with
 * `umoci raw add-layer`, unpack it with `umoci unpack` (Go's archive/tar plus umoci's applier, as a
 * runtime does), and set the rootfs it writes beside stowage's `tree --merged --format json`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run as runCli, type CliResult } from '../cli/cli-harness.js';
import { flattenNodes, walkRootfs, type FlatNode } from '../filetree/rootfs.js';
import { run } from '../fixtures/run.js';

/** layoutWith writes `layers` (tar bytes, base first) into a new OCI layout under `dir`; returns `oci:` ref. */
export async function layoutWith(dir: string, layers: Buffer[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const layout = join(dir, 'layout');
  await run('umoci', ['init', '--layout', layout]);
  await run('umoci', ['new', '--image', `${layout}:t`]);
  for (const [i, tar] of layers.entries()) {
    const file = join(dir, `layer-${i}.tar`);
    await writeFile(file, tar);
    await run('umoci', ['raw', 'add-layer', '--image', `${layout}:t`, file]);
  }
  return `${layout}:t`;
}

/** umociRootfs unpacks `layout:tag` with umoci: the rootfs's nodes, or the error umoci gave. */
export async function umociRootfs(
  dir: string,
  image: string,
): Promise<{ nodes: Map<string, FlatNode> } | { error: string }> {
  const bundle = join(dir, 'bundle');
  try {
    await run('umoci', ['unpack', '--image', image, bundle]);
  } catch (e) {
    return { error: (e as Error).message };
  }
  return { nodes: (await walkRootfs(join(bundle, 'rootfs'))).nodes };
}

/** TreeNodeJson is the part of a stowage.tree/v1 node compared with the rootfs. */
interface TreeNodeJson {
  path: string;
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget?: string | null;
  contentHash?: string | null;
}

/** stowageTree runs `stowage tree --merged --format json` on `oci:image`: the result and its nodes. */
export async function stowageTree(image: string): Promise<CliResult & { nodes?: Map<string, FlatNode> }> {
  const res = await runCli(['tree', '--merged', '--format', 'json', `oci:${image}`]);
  if (res.code !== 0) return res;
  const doc = JSON.parse(res.stdout) as { nodes: TreeNodeJson[] };
  return {
    ...res,
    nodes: flattenNodes(
      doc.nodes.map((n) => ({
        ...n,
        linkTarget: n.linkTarget ?? undefined,
        contentHash: n.contentHash ?? undefined,
      })),
    ),
  };
}

/** auditPaths runs `stowage audit --format json` and returns the exit code and the paths of its findings. */
export async function auditPaths(image: string): Promise<{ code: number; paths: string[] }> {
  const res = await runCli(['audit', '--fail-on', 'none', '--format', 'json', `oci:${image}`]);
  if (res.code !== 0) return { code: res.code, paths: [] };
  const doc = JSON.parse(res.stdout) as { findings: { path: string | null }[] };
  return { code: res.code, paths: doc.findings.map((f) => f.path ?? '') };
}
