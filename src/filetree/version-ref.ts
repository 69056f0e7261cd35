/**
 * Version references: one number naming a row of one layer's table, `layer * 2^32 + row`, so state
 * arrays can hold a version in a Float64Array slot instead of an object. -1 means "none".
 */

const ROW_SPACE = 2 ** 32;

/** NO_VERSION marks an absent path or a row without content. */
export const NO_VERSION = -1;

/** versionRef packs a layer index and a row index. */
export function versionRef(layer: number, row: number): number {
  return layer * ROW_SPACE + row;
}

/** refLayer returns the layer index of a version reference. */
export function refLayer(ref: number): number {
  return Math.floor(ref / ROW_SPACE);
}

/** refRow returns the row index of a version reference. */
export function refRow(ref: number): number {
  return ref % ROW_SPACE;
}
