/**
 * `stowage lint [Dockerfile…]`: hadolint-compatible and stowage's own Dockerfile rules, as text
 * (source excerpt and caret), stowage.lint/v1 JSON, SARIF 2.1.0 or checkstyle XML; `--fix` prints
 * (or with `--write` applies) the safe mechanical fixes as a unified diff.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lintDockerfile, type LintOptions } from '../../analysis/lint/engine.js';
import { validateLintConfig, type LintConfig } from '../../analysis/lint/config.js';
import { fixDockerfile } from '../../analysis/lint/fix/fix-dockerfile.js';
import { FIXABLE_RULES, withFixes } from '../../analysis/lint/fix/fixers.js';
import { unifiedDiff } from '../../analysis/lint/fix/unified-diff.js';
import { writeFileAtomic } from '../../analysis/lint/fix/write-atomic.js';
import { allRules } from '../../analysis/lint/rules/index.js';
import { loadBuildContext } from '../../analysis/lint/rules/stw-lib/build-context.js';
import { SEVERITIES, type Severity } from '../../analysis/lint/types.js';
import { StowageError } from '../../model/errors.js';
import type { Style } from '../../report/format/style.js';
import { renderLintCheckstyle } from '../../report/render/lint-checkstyle.js';
import { renderLintJson } from '../../report/render/lint-json.js';
import type { LintFileResult, LintRun } from '../../report/render/lint-run.js';
import { renderLintSarif } from '../../report/render/lint-sarif.js';
import { renderLintText } from '../../report/render/lint-text.js';
import type { Command, CommandContext } from '../command.js';
import { loadProjectConfig } from '../config-file.js';
import { ExitCode } from '../exit-codes.js';
import { packageVersion } from '../version.js';

async function readText(file: string, what: string, hint: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StowageError(code === 'ENOENT' ? 'NOT_FOUND' : 'USAGE', `cannot read ${what}`, {
      where: { file },
      hint,
      cause: e,
    });
  }
}

/** loadConfig validates the `lint:` section of the project's stowage.yaml (see config-file.ts). */
async function loadConfig(configPath: string | undefined): Promise<LintConfig> {
  const { file, data } = await loadProjectConfig({ configPath, cwd: process.cwd() });
  return validateLintConfig(data.lint, `${file ?? 'stowage.yaml'}: lint`);
}

function threshold(value: unknown, config: LintConfig): Severity | 'none' {
  if (value === undefined) return config.failureThreshold ?? 'info';
  if (value === 'none' || SEVERITIES.includes(value as Severity)) return value as Severity | 'none';
  throw new StowageError('USAGE', `--failure-threshold ${String(value)} is not a severity`, {
    hint: `use one of ${SEVERITIES.join(', ')}, none`,
  });
}

function colourDiff(diff: string, style: Style): string {
  return diff.replace(/^.*$/gm, (l) =>
    l.startsWith('+++') || l.startsWith('---')
      ? style.bold(l)
      : l.startsWith('+')
        ? style.green(l)
        : l.startsWith('-')
          ? style.red(l)
          : l.startsWith('@@')
            ? style.cyan(l)
            : l,
  );
}

/** lintInput reads one Dockerfile and the options to lint it with (its build context with --context). */
async function lintInput(
  file: string,
  config: LintConfig,
  contextDir: string | undefined,
): Promise<{ text: string; opts: LintOptions }> {
  const text = await readText(file, 'the Dockerfile', 'check the path (default ./Dockerfile)');
  const buildContext = contextDir !== undefined ? await loadBuildContext(contextDir, file) : undefined;
  return { text, opts: { file, config, ...(buildContext !== undefined && { buildContext }) } };
}

async function runFix(
  ctx: CommandContext,
  files: string[],
  config: LintConfig,
  contextDir: string | undefined,
): Promise<number> {
  let failed = false;
  for (const file of files) {
    const { text, opts } = await lintInput(file, config, contextDir);
    const outcome = await fixDockerfile(text, opts);
    const limit = SEVERITIES.indexOf(config.failureThreshold as Severity);
    failed ||= outcome.remaining.some((f) => SEVERITIES.indexOf(f.severity) <= limit);
    if (!outcome.changed) continue;
    if (ctx.values.write === true) {
      await writeFileAtomic(file, outcome.text);
      ctx.out(
        `${file}: applied ${outcome.applied.length} fix${outcome.applied.length === 1 ? '' : 'es'} (${[...new Set(outcome.applied.map((a) => a.ruleId))].join(', ')})\n`,
      );
    } else {
      const rel = path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/');
      ctx.out(colourDiff(unifiedDiff(text, outcome.text, `a/${rel}`, `b/${rel}`), ctx.style));
    }
  }
  return failed ? ExitCode.policyFailed : ExitCode.ok;
}

/** lintCommand lints Dockerfiles. */
export const lintCommand: Command = {
  name: 'lint',
  summary: "lint Dockerfiles: hadolint-compatible rules (DL…) and stowage's own (STW…)",
  synopsis: '[DOCKERFILE…]',
  description:
    'Lints ./Dockerfile unless files are named. Honours `# hadolint ignore=` / `# stowage ignore=` pragmas\n' +
    'and the `lint:` section of stowage.yaml (ignored, override, trustedRegistries, failureThreshold).\n' +
    '--format json prints a stowage.lint/v1 document (docs/lint.md); sarif prints SARIF 2.1.0.\n' +
    `--fix prints a unified diff of the safe fixes (${FIXABLE_RULES.join(', ')}); add --write to apply it.\n` +
    'Exit status 1 when a finding is at or above the failure threshold (default info).',
  options: [
    {
      name: 'context',
      type: 'string',
      valueName: 'DIR',
      description: 'build context directory (enables the .dockerignore check, STW003)',
    },
    {
      name: 'failure-threshold',
      type: 'string',
      valueName: 'LEVEL',
      description: 'error, warning, info (default), style or none',
    },
    {
      name: 'config',
      type: 'string',
      valueName: 'FILE',
      description:
        'stowage.yaml to read the `lint:` section from (default ./stowage.yaml or ./stowage.yml if present)',
    },
    { name: 'fix', type: 'boolean', description: 'print the safe fixes as a unified diff' },
    { name: 'write', type: 'boolean', description: 'with --fix: apply the fixes to the files (atomically)' },
  ],
  formats: ['text', 'json', 'sarif', 'checkstyle'],
  args: { min: 0, max: Number.MAX_SAFE_INTEGER },
  async run(ctx) {
    const files = ctx.args.length > 0 ? ctx.args : ['Dockerfile'];
    const loaded = await loadConfig(typeof ctx.values.config === 'string' ? ctx.values.config : undefined);
    const config: LintConfig = {
      ...loaded,
      failureThreshold: threshold(ctx.values['failure-threshold'], loaded),
    };
    const contextDir = typeof ctx.values.context === 'string' ? ctx.values.context : undefined;
    if (ctx.values.write === true && ctx.values.fix !== true) {
      throw new StowageError('USAGE', '--write needs --fix', { hint: 'run `stowage lint --fix --write`' });
    }
    if (ctx.values.fix === true) {
      if (ctx.global.format !== 'text')
        throw new StowageError('USAGE', '--fix prints a diff; it takes no --format', {
          hint: 'drop --format',
        });
      return runFix(ctx, files, config, contextDir);
    }
    const results: LintFileResult[] = [];
    let failed = false;
    for (const file of files) {
      const { text, opts } = await lintInput(file, config, contextDir);
      const result = await lintDockerfile(text, opts);
      failed ||= result.failed;
      results.push({ file, text, findings: withFixes(result.dockerfile, result.findings) });
    }
    const run: LintRun = {
      files: results,
      rules: allRules,
      failureThreshold: config.failureThreshold ?? 'info',
      failed,
      toolVersion: packageVersion(),
    };
    switch (ctx.global.format) {
      case 'json':
        ctx.out(renderLintJson(run));
        break;
      case 'sarif':
        ctx.out(renderLintSarif(run));
        break;
      case 'checkstyle':
        ctx.out(renderLintCheckstyle(run));
        break;
      default:
        ctx.out(renderLintText(run, ctx.style));
    }
    return failed ? ExitCode.policyFailed : ExitCode.ok;
  },
};
