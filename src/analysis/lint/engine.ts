/**
 * The lint engine: parse, run every rule, then apply pragmas and configuration (ignored ids,
 * severity overrides) and decide whether the result fails the threshold.
 */
import type { ParsedDockerfile } from '../../dockerfile/model.js';
import { parseDockerfile } from '../../dockerfile/parse.js';
import type { LintConfig } from './config.js';
import { readPragmas } from './pragmas.js';
import { allRules } from './rules/index.js';
import {
  SEVERITIES,
  type BuildContextInfo,
  type Finding,
  type Rule,
  type RuleContext,
  type Severity,
} from './types.js';

/** LintOptions choose the file name shown, the configuration and the rules. */
export interface LintOptions {
  /** file is the name put in findings (default 'Dockerfile'). */
  file?: string;
  config?: LintConfig;
  /** rules default to allRules (hadolint-compatible then stowage's own). */
  rules?: Rule[];
  /** buildContext lets context-aware rules (STW003) see the build context directory. */
  buildContext?: BuildContextInfo;
}

/** LintResult holds the findings, sorted by position then rule id. */
export interface LintResult {
  findings: Finding[];
  /** failed is true when a finding is at or above the failure threshold (default 'info'). */
  failed: boolean;
  dockerfile: ParsedDockerfile;
}

/** lintDockerfile parses and lints Dockerfile text. */
export async function lintDockerfile(text: string, opts: LintOptions = {}): Promise<LintResult> {
  return lintParsed(await parseDockerfile(text), opts);
}

/** lintParsed lints an already parsed Dockerfile. */
export function lintParsed(df: ParsedDockerfile, opts: LintOptions = {}): LintResult {
  const config = opts.config ?? {};
  const file = opts.file ?? 'Dockerfile';
  const rules = opts.rules ?? allRules;
  const ignored = new Set(config.ignored ?? []);
  const override = new Map<string, Severity>();
  for (const sev of SEVERITIES) for (const id of config.override?.[sev] ?? []) override.set(id, sev);
  const pragmas = readPragmas(df);
  const ctx: RuleContext = {
    dockerfile: df,
    config: { ...config, trustedRegistries: config.trustedRegistries ?? [] },
    file,
    ...(opts.buildContext !== undefined && { buildContext: opts.buildContext }),
  };
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (ignored.has(rule.id) || pragmas.global.has(rule.id)) continue;
    if (rule.off === true && !override.has(rule.id)) continue;
    const severity = override.get(rule.id) ?? rule.severity;
    for (const r of rule.check(ctx)) {
      if (silencedAt(df, pragmas.byLine, r.span.start.line).has(rule.id)) continue;
      const f: Finding = {
        ruleId: rule.id,
        severity,
        message: r.message ?? rule.description,
        file,
        line: r.span.start.line,
        column: r.span.start.column,
        endLine: r.span.end.line,
        endColumn: r.span.end.column,
      };
      if (r.fix !== undefined) f.fix = r.fix;
      findings.push(f);
    }
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const threshold = config.failureThreshold ?? 'info';
  const limit = threshold === 'none' ? -1 : SEVERITIES.indexOf(threshold);
  const failed = findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit);
  return { findings, failed, dockerfile: df };
}

/** silencedAt returns the ids a pragma silences for the instruction containing `line`. */
function silencedAt(df: ParsedDockerfile, byLine: Map<number, Set<string>>, line: number): Set<string> {
  const ins = df.instructions.find((i) => i.span.start.line <= line && line <= i.span.end.line);
  return (ins && byLine.get(ins.span.start.line)) ?? new Set();
}
