/**
 * Lazy, memoized values: an Image computes each document at most once, on first use.
 */

/** once wraps an async thunk so it runs on the first call and every call shares its promise. */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}
