/**
 * `stowage slim IMAGE --to DEST [--mode static|observe|both] [--include PATH…] [--include-exe NAME…]
 * [--probe-cmd CMD…] [--http-probe [PORT:]PATH…] [--probe-timeout S] [--runner sandbox]
 * [--explain PATH]`: keeps only what the application uses, explains every kept path, and writes the
 * slim image only after it has answered its probes as the original did (exit 1 otherwise).
 */
import { readImageStack } from '../../filetree/read-image.js';
import { resolvePath } from '../../executable/resolve-path.js';
import { StowageError } from '../../model/errors.js';
import type { Image } from '../../model/image.js';
import { DEFAULT_COMPRESSION, parseCompression } from '../../optimize/layer-compression.js';
import { renderSlimExplain, renderSlimText } from '../../report/render/slim-text.js';
import {
  groupKept,
  SLIM_EXPLAIN_SCHEMA,
  SLIM_SCHEMA,
  type SlimExplain,
  type SlimReport,
} from '../../report/slim-report.js';
import {
  droppedDirs,
  exposedPorts,
  keptSize,
  parseHttpProbe,
  planSlim,
  sandboxProblem,
  slimImage,
  verifySlim,
  type Probe,
  type SlimMode,
  type SlimOptions,
  type SlimPlan,
} from '../../slim/index.js';
import type { Command, CommandContext } from '../command.js';
import { destinationOption, requireDestination, writeToDestination } from './destination.js';
import { intOption } from './int-option.js';
import { stringListOption } from './string-list-option.js';

const MODES: readonly SlimMode[] = ['static', 'observe', 'both'];

/** slimCommand writes a verified slim image. */
export const slimCommand: Command = {
  name: 'slim',
  summary: 'keep only what the application uses: static closure + observed run, verified by running both',
  synopsis:
    'IMAGE --to DEST [--mode static|observe|both] [--include PATH]… [--include-exe NAME]… [--probe-cmd CMD]… [--http-probe [PORT:]PATH]…',
  description:
    'static follows ENTRYPOINT + CMD (and --include-exe) through PATH, symlinks, ELF loaders and\n' +
    'DT_NEEDED libraries, and shebang interpreters; observe runs the image in the sandbox runner (root,\n' +
    'strace, unshare: no engine) with the probes and keeps every path it used; both (the default when\n' +
    'the sandbox can run) does both. /etc/passwd, group, nsswitch.conf, hosts, CA certificates and the\n' +
    'WORKDIR are always kept. The slim image (original config, one layer) is then run with the same\n' +
    'probes; it is written only when its answers (exit code, stdout, HTTP status and body) match the\n' +
    "original's — otherwise exit 1 with the paths it missed (add them with --include).\n" +
    '--explain PATH says why PATH is kept or dropped and writes nothing.\n' +
    'With --format json prints a stowage.slim/v1 document (stowage.slim-explain/v1 with --explain).',
  options: [
    destinationOption('where to write the slim image'),
    {
      name: 'mode',
      type: 'string',
      valueName: 'MODE',
      description: 'static, observe or both (default both; static without a runner)',
    },
    {
      name: 'include',
      type: 'string',
      multiple: true,
      valueName: 'PATH',
      description: 'keep PATH (and all below it) (repeatable)',
    },
    {
      name: 'include-exe',
      type: 'string',
      multiple: true,
      valueName: 'NAME',
      description: 'keep command NAME and what it loads (repeatable)',
    },
    {
      name: 'probe-cmd',
      type: 'string',
      multiple: true,
      valueName: 'CMD',
      description: 'run CMD inside the image; compare exit code and stdout (repeatable)',
    },
    {
      name: 'http-probe',
      type: 'string',
      multiple: true,
      valueName: '[PORT:]PATH',
      description: "GET PATH on the app's loopback; compare status and body (repeatable)",
    },
    {
      name: 'probe-timeout',
      type: 'string',
      valueName: 'S',
      description: 'seconds to wait for the app to exit or answer (default 10)',
    },
    { name: 'runner', type: 'string', valueName: 'RUNNER', description: 'sandbox (the only runner so far)' },
    {
      name: 'explain',
      type: 'string',
      valueName: 'PATH',
      description: 'say why PATH is kept or dropped; write nothing',
    },
    {
      name: 'compression',
      type: 'string',
      valueName: 'ALG[:LEVEL]',
      description: 'gzip (default, level 6) or zstd (level 3)',
    },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const explain = typeof ctx.values.explain === 'string' ? ctx.values.explain : undefined;
    const to =
      explain === undefined
        ? requireDestination(ctx, 'slim', 'stowage slim app.tar --to oci:./slim:v1')
        : undefined;
    const modeArg = ctx.values.mode;
    if (modeArg !== undefined && !MODES.includes(modeArg as SlimMode)) {
      throw new StowageError('USAGE', `--mode ${String(modeArg)} is not a slim mode`, {
        hint: 'use static, observe or both',
      });
    }
    const runnerArg = ctx.values.runner ?? 'sandbox';
    if (runnerArg !== 'sandbox') {
      throw new StowageError('USAGE', `--runner ${String(runnerArg)} is not available`, {
        hint: 'use --runner sandbox (root, strace and unshare; no engine)',
      });
    }
    const problem = sandboxProblem();
    const warnings: string[] = [];
    let mode = modeArg as SlimMode | undefined;
    if (problem !== undefined && mode !== undefined && mode !== 'static') {
      throw new StowageError('USAGE', `--mode ${mode} needs a runner: ${problem}`, {
        hint: 'run as root with strace installed, or use --mode static (not verified)',
      });
    }
    if (problem !== undefined) {
      mode = 'static';
      warnings.push(`${problem}: observation and verification skipped, the slim image is not verified`);
    }
    const compression =
      typeof ctx.values.compression === 'string'
        ? parseCompression(ctx.values.compression)
        : DEFAULT_COMPRESSION;
    const timeoutMs = intOption(ctx.values['probe-timeout'], 'probe-timeout', 10) * 1000;
    const source = await ctx.openImage(ctx.args[0] as string);
    const config = await source.config();
    const ports = exposedPorts(config.config.ExposedPorts);
    const probes: Probe[] = [
      ...stringListOption(ctx.values['probe-cmd']).map((command): Probe => ({ kind: 'cmd', command })),
      ...stringListOption(ctx.values['http-probe']).map((s) => parseHttpProbe(s, ports)),
    ];
    const opts: SlimOptions = {
      mode: mode ?? 'both',
      targets: {
        include: stringListOption(ctx.values.include),
        includeExe: stringListOption(ctx.values['include-exe']),
      },
      probes,
      timeoutMs,
      // --explain in static mode needs no run: the original runs only to be compared with the slim image
      runner: problem === undefined && !(explain !== undefined && mode === 'static'),
      onProgress: (m) => ctx.progress.update(m),
    };
    const plan = await planSlim(source, opts);
    if (explain !== undefined) {
      const e = explainPath(plan, explain);
      ctx.out(ctx.global.format === 'json' ? `${JSON.stringify(e, null, 2)}\n` : renderSlimExplain(e));
      return 0;
    }
    return writeSlim(ctx, source, plan, opts, to as string, warnings, compression);
  },
};

async function writeSlim(
  ctx: CommandContext,
  source: Image,
  plan: SlimPlan,
  opts: SlimOptions,
  to: string,
  warnings: string[],
  compression: ReturnType<typeof parseCompression>,
): Promise<number> {
  for (const u of plan.unresolved) warnings.push(`not found by the static closure: ${u}`);
  const slim = slimImage(source, plan, { compression, onProgress: (m) => ctx.progress.update(m) });
  try {
    const slimStack = await readImageStack(slim);
    const original = plan.original;
    const verification =
      original === undefined ? null : await verifySlim(slim, slimStack, { ...plan, original }, opts);
    const verified = verification?.verified !== false;
    if (verified) await writeToDestination(ctx, slim, to);
    const sum = async (img: Image) => (await img.layers()).reduce((n, l) => n + l.size, 0);
    const before = { ...keptSize(plan.stack.tree), compressedBytes: await sum(source) };
    const after = { ...keptSize(slimStack.tree), compressedBytes: await sum(slim) };
    const report: SlimReport = {
      schema: SLIM_SCHEMA,
      source: source.ref().display,
      sourceDigest: await source.manifestDigest(),
      destination: verified ? to : null,
      manifestDigest: verified ? await slim.manifestDigest() : null,
      mode: opts.mode,
      runner: opts.runner ? 'sandbox' : null,
      warnings,
      before,
      after,
      ratio:
        after.unpackedBytes === 0 ? 0 : Math.round((before.unpackedBytes / after.unpackedBytes) * 10) / 10,
      kept: groupKept(plan.kept.sorted()),
      droppedDirs: droppedDirs(plan.stack.tree, plan.kept),
      original:
        original === undefined
          ? null
          : { app: original.app, probes: original.probes, observedPaths: original.traced.opened.size },
      verification:
        verification === null
          ? null
          : {
              verified: verification.verified,
              differences: verification.differences,
              missing: verification.missing,
              slim: { app: verification.slim.app, probes: verification.slim.probes },
            },
    };
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderSlimText(report, { style: ctx.style }),
    );
    return verified ? 0 : 1;
  } finally {
    await slim.close();
  }
}

/** explainPath answers for `path` with its directories resolved (a symlink at the end is itself explained). */
function explainPath(plan: SlimPlan, path: string): SlimExplain {
  const norm = resolvePath(plan.fs, path, plan.facts.workdir, false).path;
  const inImage = plan.fs.node(norm) !== undefined;
  const k = plan.kept.get(norm);
  return {
    schema: SLIM_EXPLAIN_SCHEMA,
    path: `/${norm}`,
    inImage,
    kept: k !== undefined,
    kind: k?.kind ?? null,
    reason:
      k?.reason ??
      (inImage
        ? 'no rule kept it: not in the static closure, not used by the observed run, not always kept, not --include'
        : 'the image has no such path'),
  };
}
