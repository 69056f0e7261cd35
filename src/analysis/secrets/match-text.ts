/**
 * matchText runs content rules over one piece of text and returns the secrets found, with their
 * offsets; overlapping finds are settled in favour of the rule listed first.
 */
import { shannonEntropy } from './entropy.js';
import { isPackageMetadata } from './package-metadata.js';
import type { SecretRule } from './rule.js';

/** TextMatch is one secret found in a text; offsets are those of the secret itself. */
export interface TextMatch {
  rule: SecretRule;
  secret: string;
  start: number;
  end: number;
}

/**
 * contentRules returns the rules that read content and apply to files at `path`: rules restricted
 * to other paths are left out, and so are generic rules for package metadata. With no path (config
 * values, history) every content rule applies except the path-restricted ones.
 */
export function contentRules(rules: readonly SecretRule[], path?: string): SecretRule[] {
  const metadata = path !== undefined && isPackageMetadata(path);
  return rules.filter(
    (r) =>
      r.pattern !== undefined &&
      r.pathOnly !== true &&
      (r.path === undefined || (path !== undefined && r.path.test(path))) &&
      !(metadata && r.generic === true),
  );
}

/**
 * matchText finds every secret of `rules` in `text`. `lower` may pass `text.toLowerCase()` when the
 * caller already has it (keyword checks use it).
 */
export function matchText(
  text: string,
  rules: readonly SecretRule[],
  lower = text.toLowerCase(),
): TextMatch[] {
  const found: TextMatch[] = [];
  for (const rule of rules) {
    if (rule.pattern === undefined) continue;
    if (rule.keywords !== undefined && !rule.keywords.some((k) => lower.includes(k))) continue;
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const secret = m[rule.group ?? 1] ?? m[0];
      if (secret === '' || !accept(rule, secret, m[0])) continue;
      const at = m.index + Math.max(0, m[0].indexOf(secret));
      found.push({ rule, secret, start: at, end: at + secret.length });
    }
  }
  return settleOverlaps(found, rules);
}

function accept(rule: SecretRule, secret: string, whole: string): boolean {
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
  if (rule.allow?.some((a) => a.test(secret)) === true) return false;
  if (rule.allowMatch?.some((a) => a.test(whole)) === true) return false;
  return true;
}

/** settleOverlaps keeps, of finds whose secrets overlap, the one whose rule comes first. */
function settleOverlaps(found: TextMatch[], rules: readonly SecretRule[]): TextMatch[] {
  const rank = (m: TextMatch) => rules.indexOf(m.rule);
  const byRank = [...found].sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  const kept: TextMatch[] = [];
  for (const m of byRank) {
    if (kept.some((k) => k.start < m.end && m.start < k.end)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}
