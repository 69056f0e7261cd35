/**
 * Catalog types: a package as a package database records it, and as the catalog reports it with
 * its history through the layers and its bytes in the final image.
 */

/** PackageType names the ecosystem a package comes from (the purl type). */
export type PackageType = 'deb' | 'apk';

/** PackageRecord is one package as one database snapshot records it. */
export interface PackageRecord {
  type: PackageType;
  name: string;
  version: string;
  arch?: string;
  /** the database's own figure, in bytes (dpkg records KiB: ×1024) */
  installedSize?: number;
  /** the paths the database says the package owns, absolute as recorded */
  files: string[];
  /** the database file the record comes from, e.g. `var/lib/dpkg/status` */
  database: string;
  /** the database's status word for it, when it has one (dpkg: `installed`, `config-files`, …) */
  status?: string;
}

/** Cataloger reads one kind of package database out of the files it asked for. */
export interface Cataloger {
  type: PackageType;
  /** wants says whether a (normalised) path is part of this database */
  wants(path: string): boolean;
  /** read parses the database from the files present at one point (path → bytes) */
  read(files: ReadonlyMap<string, Buffer>): PackageRecord[];
}

/** packageKey identifies a package across snapshots: type, name and architecture. */
export function packageKey(r: Pick<PackageRecord, 'type' | 'name' | 'arch'>): string {
  return `${r.type}/${r.name}${r.arch === undefined ? '' : `:${r.arch}`}`;
}
