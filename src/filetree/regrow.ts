/**
 * regrow: the one helper the column stores use to enlarge a typed array, keeping the rows in use.
 */

type TypedColumn = Int32Array | Uint8Array | Uint16Array | Float64Array;

/** regrow returns a new array of length `cap` holding the first `used` elements of `col`. */
export function regrow<T extends TypedColumn>(col: T, cap: number, used: number): T {
  const out = new (col.constructor as new (length: number) => T)(cap);
  out.set(col.subarray(0, used) as never);
  return out;
}
