/**
 * buildPackagesReport: the `stowage.packages/v1` document — the image's packages with the layer
 * that added (and upgraded) each, their files and bytes in the final image and purls; per layer,
 * the packages it added, upgraded and removed and how much of what it wrote a package owns; and the
 * bytes no package owns, per directory.
 */
import type { Catalog, CatalogedPackage } from '../catalog/catalog-image.js';
import type { ImageFacts } from './analyze-context.js';

/** PACKAGES_SCHEMA is the `schema` value of every packages report. */
export const PACKAGES_SCHEMA = 'stowage.packages/v1';

/** PackagesReport is the whole `stowage.packages/v1` document. */
export interface PackagesReport {
  schema: typeof PACKAGES_SCHEMA;
  reference: string;
  manifestDigest: string;
  os: { id: string | null; versionId: string | null };
  databases: string[];
  /** the layer the report is narrowed to (--layer), or null */
  layer: number | null;
  summary: { packages: number; bytes: number; unownedFiles: number; unownedBytes: number };
  packages: {
    type: string;
    name: string;
    version: string;
    arch: string | null;
    purl: string;
    layer: number;
    createdBy: string | null;
    upgrades: { layer: number; from: string }[];
    installedSize: number | null;
    status: string | null;
    database: string;
    bytes: number;
    recordedPaths: number;
    files: { path: string; size: number }[];
  }[];
  layers: {
    layer: number;
    createdBy: string | null;
    added: { name: string; version: string; bytes: number }[];
    upgraded: { name: string; from: string; version: string; bytes: number }[];
    removed: { name: string; version: string }[];
    changedBytes: number;
    ownedBytes: number;
  }[];
  unowned: { files: number; bytes: number; directories: { path: string; files: number; bytes: number }[] };
}

/** PackagesOptions narrow and order the report. */
export interface PackagesOptions {
  /** only this layer's changes, and the packages it added or upgraded */
  layer?: number;
  /** package order: by name (default) or by bytes, largest first */
  sort?: 'name' | 'size';
}

/** buildPackagesReport turns a catalog into the packages document. */
export function buildPackagesReport(
  facts: ImageFacts,
  catalog: Catalog,
  opts: PackagesOptions = {},
): PackagesReport {
  const createdBy = (i: number) => facts.layers[i]?.createdBy ?? null;
  const byKey = new Map(catalog.packages.map((p) => [p.key, p]));
  const bytesOf = (key: string) => byKey.get(key)?.bytes ?? 0;
  const touched = (p: CatalogedPackage) =>
    opts.layer === undefined || p.layer === opts.layer || p.upgrades.some((u) => u.layer === opts.layer);
  const packages = catalog.packages.filter(touched).map((p) => ({
    type: p.type,
    name: p.name,
    version: p.version,
    arch: p.arch ?? null,
    purl: p.purl,
    layer: p.layer,
    createdBy: createdBy(p.layer),
    upgrades: p.upgrades,
    installedSize: p.installedSize ?? null,
    status: p.status ?? null,
    database: p.database,
    bytes: p.bytes,
    recordedPaths: p.recordedPaths,
    files: p.files,
  }));
  packages.sort((a, b) =>
    opts.sort === 'size'
      ? b.bytes - a.bytes || a.name.localeCompare(b.name)
      : a.name.localeCompare(b.name) || a.type.localeCompare(b.type),
  );
  const layers = catalog.layers
    .filter((l) => opts.layer === undefined || l.layer === opts.layer)
    .map((l) => ({
      layer: l.layer,
      createdBy: createdBy(l.layer),
      added: l.added.map((c) => ({ name: c.name, version: c.version, bytes: bytesOf(c.key) })),
      upgraded: l.upgraded.map((c) => ({
        name: c.name,
        from: c.from ?? '',
        version: c.version,
        bytes: bytesOf(c.key),
      })),
      removed: l.removed.map((c) => ({ name: c.name, version: c.version })),
      changedBytes: l.changedBytes,
      ownedBytes: l.ownedBytes,
    }));
  return {
    schema: PACKAGES_SCHEMA,
    reference: facts.reference,
    manifestDigest: facts.manifestDigest,
    os: { id: catalog.os.id ?? null, versionId: catalog.os.versionId ?? null },
    databases: catalog.databases,
    layer: opts.layer ?? null,
    summary: {
      packages: catalog.packages.length,
      bytes: catalog.packages.reduce((n, p) => n + p.bytes, 0),
      unownedFiles: catalog.unowned.files,
      unownedBytes: catalog.unowned.bytes,
    },
    packages,
    layers,
    unowned: catalog.unowned,
  };
}
