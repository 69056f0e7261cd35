/**
 * SecretRule: one detector. Content rules run a regular expression over text (file windows, config
 * values, history lines) once one of their keywords is present; path rules flag a file by its name.
 * Rules marked `origin: 'gitleaks'` are ported from gitleaks' default config
 * (https://github.com/gitleaks/gitleaks, config/gitleaks.toml, MIT licence): RE2 inline flags were
 * rewritten for JavaScript, otherwise the expressions are kept.
 */
import type { AuditSeverity, FindingCategory } from './types.js';

/** RuleInfo describes any audit rule (secret or risk) for catalogues and SARIF. */
export interface RuleInfo {
  id: string;
  category: FindingCategory;
  severity: AuditSeverity;
  description: string;
  /** fix says how to keep the problem out of the image */
  fix: string;
}

/** SecretRule is a secret detector. */
export interface SecretRule extends RuleInfo {
  category: 'secret';
  origin: 'gitleaks' | 'stowage';
  /** lower-case strings of which one must occur (case-insensitively) before `pattern` runs */
  keywords?: readonly string[];
  /** a global (`g`) expression; capture group `group` (default 1, or the whole match) is the secret */
  pattern?: RegExp;
  group?: number;
  /** secrets with less Shannon entropy (bits per character) are ignored */
  minEntropy?: number;
  /** restricts a content rule to files whose path matches; for a path rule, the files it flags */
  path?: RegExp;
  /** a path rule reports matching files themselves, without reading them */
  pathOnly?: boolean;
  /**
   * generic marks a rule that matches by shape (a secret-looking name and a random value, a URL
   * with a password) rather than by a key format; it skips distribution package metadata
   * (see package-metadata.ts), whose upstream texts are full of such shapes
   */
  generic?: boolean;
  /** secrets matching any of these are ignored (placeholders, documented examples) */
  allow?: readonly RegExp[];
  /** whole matches matching any of these are ignored (e.g. `key_id = …`) */
  allowMatch?: readonly RegExp[];
}

/** GITLEAKS_END is gitleaks' common secret terminator: a quote, space, `;`, escaped newline or end. */
export const GITLEAKS_END = String.raw`(?:[\x60'"\s;]|\\[nr]|$)`;

/** PLACEHOLDER matches values that are references, not secrets: `$VAR`, `${VAR}`, `{{ x }}`, `<x>`, `***`. */
export const PLACEHOLDER =
  /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\{\{.*\}\}|<[^>]*>|\*+|x+|changeme|password|secret|token|example|null|none|true|false)$/i;
