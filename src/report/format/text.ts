/**
 * Small text helpers for renderers: truncation to a column width and one-line collapsing.
 */

/** truncate shortens `s` to at most `width` code points, ending with `…` when cut. */
export function truncate(s: string, width: number): string {
  const chars = [...s];
  if (chars.length <= width) return s;
  if (width <= 1) return chars.slice(0, width).join('');
  return chars.slice(0, width - 1).join('') + '…';
}

/** oneLine collapses runs of whitespace (newlines, tabs) into single spaces and trims. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
