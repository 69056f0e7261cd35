/**
 * Shannon entropy of a string in bits per character, the measure gitleaks uses to tell random
 * tokens from words.
 */

/** shannonEntropy returns the entropy of `s` in bits per character (0 for an empty string). */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
