/**
 * catalogImage: the packages of an image — every package database read as of each layer that
 * changed it (so each package's adding, upgrading and removing layer is known), each final
 * package's files found in the final filesystem with their bytes, and the bytes no package owns.
 * It reads the layers once more than the stack took (for the database files' bodies).
 */
import { posix } from 'node:path';
import type { LayerStack } from '../filetree/layer-stack.js';
import type { Image } from '../model/image.js';
import { apkCataloger } from './apk.js';
import { readSnapshots } from './db-snapshots.js';
import { dpkgCataloger } from './dpkg.js';
import { type Cataloger, packageKey, type PackageRecord } from './model.js';
import { type OsRelease, parseOsRelease, purlOf } from './purl.js';
import { TreePaths } from './tree-paths.js';

const OS_RELEASE = ['etc/os-release', 'usr/lib/os-release'];

/** CatalogedPackage is a package of the final image with its history and bytes. */
export interface CatalogedPackage extends Omit<PackageRecord, 'files'> {
  key: string;
  purl: string;
  /** the layer that (last) added it */
  layer: number;
  /** the layers that changed its version, oldest first */
  upgrades: { layer: number; from: string }[];
  /** its files present in the final filesystem as regular files, where they are stored */
  files: { path: string; size: number }[];
  /** Σ of those files' sizes */
  bytes: number;
  /** paths the database lists (directories, missing and non-regular files included) */
  recordedPaths: number;
}

/** PackageChange is one package a layer added, upgraded or removed. */
export interface PackageChange {
  key: string;
  name: string;
  version: string;
  /** for an upgrade: the version before */
  from?: string;
}

/** LayerPackages is what one layer did to the package databases and how many of its bytes are owned. */
export interface LayerPackages {
  layer: number;
  added: PackageChange[];
  upgraded: PackageChange[];
  removed: PackageChange[];
  /** Σ sizes of the regular files this layer added or modified */
  changedBytes: number;
  /** the part of changedBytes that a package of the final image owns */
  ownedBytes: number;
}

/** Catalog is everything catalogImage found. */
export interface Catalog {
  os: OsRelease;
  /** the database files found in the final image */
  databases: string[];
  packages: CatalogedPackage[];
  layers: LayerPackages[];
  /** regular files of the final image no package owns, summed per directory */
  unowned: { files: number; bytes: number; directories: { path: string; files: number; bytes: number }[] };
}

/** CatalogOptions tune catalogImage. */
export interface CatalogOptions {
  catalogers?: readonly Cataloger[];
  onLayer?: (layer: number, layers: number) => void;
}

/** DEFAULT_CATALOGERS are the databases read unless told otherwise. */
export const DEFAULT_CATALOGERS: readonly Cataloger[] = [dpkgCataloger, apkCataloger];

/** catalogImage catalogs `image`, whose stacked layers are `stack`. */
export async function catalogImage(
  image: Image,
  stack: LayerStack,
  opts: CatalogOptions = {},
): Promise<Catalog> {
  const catalogers = opts.catalogers ?? DEFAULT_CATALOGERS;
  const wants = (p: string) => OS_RELEASE.includes(p) || catalogers.some((c) => c.wants(p));
  let current = new Map<string, PackageRecord>();
  const history = new Map<string, { layer: number; upgrades: { layer: number; from: string }[] }>();
  const layers: LayerPackages[] = [];
  let files: ReadonlyMap<string, Buffer> = new Map();
  for await (const snap of readSnapshots(image, wants, opts.onLayer)) {
    const lp: LayerPackages = {
      layer: snap.layer,
      added: [],
      upgraded: [],
      removed: [],
      changedBytes: 0,
      ownedBytes: 0,
    };
    if (snap.changed) {
      const next = new Map(catalogers.flatMap((c) => c.read(snap.files)).map((r) => [packageKey(r), r]));
      for (const [key, r] of next) {
        const before = current.get(key);
        if (before === undefined) {
          lp.added.push(change(key, r));
          history.set(key, { layer: snap.layer, upgrades: [] });
        } else if (before.version !== r.version) {
          lp.upgraded.push({ ...change(key, r), from: before.version });
          history.get(key)?.upgrades.push({ layer: snap.layer, from: before.version });
        }
      }
      for (const [key, r] of current) if (!next.has(key)) lp.removed.push(change(key, r));
      current = next;
    }
    for (const list of [lp.added, lp.upgraded, lp.removed]) list.sort((a, b) => a.key.localeCompare(b.key));
    layers.push(lp);
    files = snap.files;
  }
  const os = parseOsRelease(
    (files.get(OS_RELEASE[0] as string) ?? files.get(OS_RELEASE[1] as string))?.toString('utf8') ?? '',
  );
  const paths = new TreePaths(stack.tree);
  const owner = new Set<string>();
  const packages = [...current].map(([key, r]) => {
    const h = history.get(key) ?? { layer: 0, upgrades: [] };
    const { files: recorded, ...rest } = r;
    const p: CatalogedPackage = {
      ...rest,
      key,
      purl: purlOf(r, os),
      ...h,
      files: [],
      bytes: 0,
      recordedPaths: recorded.length,
    };
    for (const f of recorded) {
      const node = paths.node(f);
      if (node === undefined || (node.type !== 'file' && node.type !== 'hardlink') || owner.has(node.path))
        continue;
      owner.add(node.path);
      p.files.push({ path: node.path, size: node.size });
      p.bytes += node.size;
    }
    return p;
  });
  for (const lp of layers) layerBytes(stack, lp, owner);
  const databases = [...files.keys()].filter(
    (p) => !OS_RELEASE.includes(p) && !p.endsWith('.list') && !p.endsWith('.md5sums'),
  );
  return { os, databases, packages, layers, unowned: unowned(stack, owner) };
}

function change(key: string, r: PackageRecord): PackageChange {
  return { key, name: r.name, version: r.version };
}

/** layerBytes sums the regular-file bytes a layer added or modified, and the owned part. */
function layerBytes(stack: LayerStack, lp: LayerPackages, owner: ReadonlySet<string>): void {
  const cs = stack.changeSet(lp.layer);
  for (const c of [...cs.added, ...cs.modified]) {
    if (c.type !== 'file' && c.type !== 'hardlink') continue;
    lp.changedBytes += c.size;
    if (owner.has(c.path)) lp.ownedBytes += c.size;
  }
}

/** unowned sums the final image's regular files no package owns, per directory, largest first. */
function unowned(stack: LayerStack, owner: ReadonlySet<string>): Catalog['unowned'] {
  const dirs = new Map<string, { path: string; files: number; bytes: number }>();
  let files = 0;
  let bytes = 0;
  for (const f of stack.tree.regularFiles()) {
    if (owner.has(f.path)) continue;
    const dir = posix.dirname(f.path);
    const d = dirs.get(dir) ?? { path: dir, files: 0, bytes: 0 };
    d.files++;
    d.bytes += f.size;
    dirs.set(dir, d);
    files++;
    bytes += f.size;
  }
  const directories = [...dirs.values()].sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
  return { files, bytes, directories };
}
