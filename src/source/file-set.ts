/**
 * FileSet: a set of named files — a directory on disk or the members of a tar archive — so one
 * implementation of a layout (OCI layout, docker save) serves both.
 */

/** FileSet reads files by relative, `/`-separated name. */
export interface FileSet {
  /** describe names the set (directory or archive) or, given a name, that file within it. */
  describe(name?: string): string;
  /** exists reports whether a regular file (after links) of that name is present. */
  exists(name: string): Promise<boolean>;
  /** open streams the file; a missing file fails with NOT_FOUND naming it. */
  open(name: string): AsyncIterable<Buffer>;
}
