/**
 * lintLines runs a single rule over Dockerfile text and returns the lines it reported, sorted:
 * the shape every STW rule test asserts on.
 */
import { lintDockerfile } from '../../src/analysis/lint/engine.js';
import type { BuildContextInfo, Rule } from '../../src/analysis/lint/types.js';

/** lintLines lints `text` with only `rule` and returns the finding lines in order. */
export async function lintLines(
  rule: Rule,
  text: string,
  buildContext?: BuildContextInfo,
): Promise<number[]> {
  const r = await lintDockerfile(text, {
    rules: [rule],
    ...(buildContext !== undefined && { buildContext }),
  });
  return r.findings.map((f) => f.line);
}
