/**
 * Lint framework types: severities, rules, what a rule reports, and the findings the engine returns.
 */
import type { ParsedDockerfile, Span } from '../../dockerfile/model.js';
import type { LintConfig } from './config.js';

/** Severity levels, hadolint's names, most severe first. */
export type Severity = 'error' | 'warning' | 'info' | 'style';

/** SEVERITIES lists the levels from most to least severe. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

/** TextEdit replaces the text of `span` with `newText` (an empty span inserts). */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** Fix is a machine-applicable change that resolves a finding. */
export interface Fix {
  description: string;
  edits: TextEdit[];
}

/** RuleContext is what a rule's check receives. */
export interface RuleContext {
  dockerfile: ParsedDockerfile;
  /** config is the effective lint configuration (defaults filled in). */
  config: Required<Pick<LintConfig, 'trustedRegistries'>> & LintConfig;
  /** file is the Dockerfile's path as given to the engine (for messages only). */
  file: string;
  /** buildContext describes the build context directory when the caller named one (`--context`). */
  buildContext?: BuildContextInfo;
}

/**
 * BuildContextInfo is what rules may know about the build context directory; see
 * `loadBuildContext` in rules/stw-lib/build-context.ts.
 */
export interface BuildContextInfo {
  /** dir is the context directory as given. */
  dir: string;
  /** ignoreFile is the ignore file the builder would use (`<Dockerfile>.dockerignore` or `.dockerignore`), or null. */
  ignoreFile: string | null;
  /** excluded is true when the ignore file keeps `relPath` (relative to `dir`, `/`-separated) out of the context. */
  excluded(relPath: string): boolean;
  /** present lists which of `.git`, `node_modules`, `.env` exist at the top of the context. */
  present: string[];
}

/** Report is what a rule yields; the engine adds the rule id, severity and file. */
export interface Report {
  span: Span;
  /** message overrides the rule's description for this report. */
  message?: string;
  fix?: Fix;
}

/** Rule is one lint rule. */
export interface Rule {
  /** id is stable: hadolint's (`DL3008`) where the meaning is the same, `STW…` for stowage's own. */
  id: string;
  /** severity is the default level; config can override it. */
  severity: Severity;
  /** description is one sentence saying what is wrong and what to do. */
  description: string;
  /** off is true for rules hadolint ships at severity "ignore": run only when config names them in `override`. */
  off?: boolean;
  /** url points at the rule's documentation, if any. */
  url?: string;
  /** check inspects the parsed file and yields one report per problem. */
  check(ctx: RuleContext): Iterable<Report>;
}

/** Finding is one reported problem, after pragmas and config were applied. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  /** line / column are 1-based; endColumn is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
}
