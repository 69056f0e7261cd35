/**
 * lintRunOf lints Dockerfile texts with every rule and wraps them as the LintRun the lint
 * renderers take, so renderer tests work on real findings.
 */
import { lintDockerfile } from '../../src/analysis/lint/engine.js';
import { withFixes } from '../../src/analysis/lint/fix/fixers.js';
import { allRules } from '../../src/analysis/lint/rules/index.js';
import type { LintRun } from '../../src/report/render/lint-run.js';

/** lintRunOf lints `files` (name → text) and builds the run, threshold 'info'. */
export async function lintRunOf(files: Record<string, string>): Promise<LintRun> {
  const out: LintRun = {
    files: [],
    rules: allRules,
    failureThreshold: 'info',
    failed: false,
    toolVersion: '0.0.0-test',
  };
  for (const [file, text] of Object.entries(files)) {
    const r = await lintDockerfile(text, { file });
    out.failed ||= r.failed;
    out.files.push({ file, text, findings: withFixes(r.dockerfile, r.findings) });
  }
  return out;
}
