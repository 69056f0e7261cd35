/**
 * `stowage check IMAGE`: the CI gate. Thresholds come from stowage.yaml's `check:` section, dive's
 * `.dive-ci` and flags (flags win); the base image's layers (from --base, the config, or the image's
 * base annotations/labels) are not judged. Exit 0 when every rule passes, 1 when one fails, 2 for an
 * invalid configuration.
 */
import { baseHint, matchBaseLayers } from '../../analysis/check/base-layers.js';
import {
  bytesValue,
  countValue,
  percentValue,
  ratioValue,
  type CheckConfig,
} from '../../analysis/check/check-config.js';
import { evaluateCheck } from '../../analysis/check/evaluate-check.js';
import { loadCheckConfig } from '../../analysis/check/load-check-config.js';
import { loadProjectConfig } from '../config-file.js';
import { diveScore } from '../../analysis/waste/dive-score.js';
import { isStowageError, StowageError } from '../../model/errors.js';
import { buildCheckReport, type CheckBase } from '../../report/check-report.js';
import type { ImageFacts } from '../../report/analyze-context.js';
import { readImageFacts } from '../../report/analyze-context.js';
import { renderCheckJunit } from '../../report/render/check-junit.js';
import { renderCheckSarif } from '../../report/render/check-sarif.js';
import { renderCheckText } from '../../report/render/check-text.js';
import type { Command, CommandContext } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { packageVersion } from '../version.js';
import { readLayers } from './read-layers.js';

const FLAG_WHERE = 'command line';

/** flagConfig turns the threshold flags into settings (validated like the file's). */
function flagConfig(v: CommandContext['values']): CheckConfig {
  const c: CheckConfig = {};
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const set = <T>(k: string, read: (x: string) => T, apply: (x: T) => void) => {
    const x = str(k);
    if (x !== undefined) apply(read(x));
  };
  set(
    'min-efficiency',
    (x) => ratioValue(x, FLAG_WHERE, '--min-efficiency'),
    (x) => (c.minEfficiency = x),
  );
  set(
    'max-reclaimable',
    (x) => bytesValue(x, FLAG_WHERE, '--max-reclaimable'),
    (x) => (c.maxReclaimableBytes = x),
  );
  set(
    'max-reclaimable-percent',
    (x) => percentValue(x, FLAG_WHERE, '--max-reclaimable-percent'),
    (x) => (c.maxReclaimablePercent = x),
  );
  set(
    'max-size',
    (x) => bytesValue(x, FLAG_WHERE, '--max-size'),
    (x) => (c.maxImageSize = x),
  );
  set(
    'max-uncompressed-size',
    (x) => bytesValue(x, FLAG_WHERE, '--max-uncompressed-size'),
    (x) => (c.maxUncompressedSize = x),
  );
  set(
    'max-layers',
    (x) => countValue(x, FLAG_WHERE, '--max-layers'),
    (x) => (c.maxLayers = x),
  );
  const metric = str('efficiency-metric');
  if (metric !== undefined) {
    if (metric !== 'stowage' && metric !== 'dive')
      throw new StowageError('USAGE', `--efficiency-metric ${metric} is not a metric`, {
        hint: 'use stowage or dive',
      });
    c.efficiencyMetric = metric;
  }
  const ignore = v.ignore;
  if (Array.isArray(ignore)) c.ignore = ignore.filter((g): g is string => typeof g === 'string');
  const base = str('base');
  if (base !== undefined) c.base = base;
  return c;
}

/** resolveBase finds the base image and counts the image's leading layers that are its. */
async function resolveBase(
  ctx: CommandContext,
  facts: ImageFacts,
  config: CheckConfig,
  fromFlag: boolean,
  warnings: string[],
): Promise<CheckBase> {
  const hint = config.base === undefined ? baseHint(facts.manifest, facts.config) : undefined;
  const reference = config.base ?? hint?.reference;
  if (reference === undefined) return { reference: null, source: null, layers: 0, complete: true };
  const source: CheckBase['source'] =
    config.base !== undefined ? (fromFlag ? 'flag' : 'config') : (hint?.source ?? null);
  let baseFacts: ImageFacts;
  try {
    baseFacts = await readImageFacts(await ctx.openImage(reference));
  } catch (e) {
    // a base the user named must open; one the image names may be out of reach (offline, private)
    if (hint === undefined || !isStowageError(e)) throw e;
    warnings.push(
      `cannot open the base image ${reference} that the image's ${hint.source}s name (${e.detail}); every layer is judged`,
    );
    return { reference, source, layers: 0, complete: false };
  }
  const match = matchBaseLayers(facts.layers, baseFacts.layers);
  if (!match.complete) {
    warnings.push(
      `the image starts with ${match.count} of the base image's ${baseFacts.layers.length} layers; only those are excluded`,
    );
  }
  return { reference, source, layers: match.count, complete: match.complete };
}

/** checkCommand is the CI gate. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'CI gate: fail when efficiency, waste, size or layer count cross thresholds (reads .dive-ci too)',
  synopsis: 'IMAGE',
  description:
    'Thresholds come from the `check:` section of stowage.yaml (./stowage.yaml or --config), dive’s .dive-ci\n' +
    '(./.dive-ci or --dive-ci; rules lowestEfficiency, highestWastedBytes, highestUserWastedPercent, "disabled"\n' +
    'skips one) and the flags below (flags win). With no configuration at all: minEfficiency 0.9.\n' +
    'Layers of the base image (--base, `base:` in the config, or the image’s org.opencontainers.image.base.*\n' +
    'annotations or labels) are not judged. Sizes take units: 20MB, 1.5GiB, 1000.\n' +
    'Exit status: 0 every rule passed, 1 a rule failed, 2 invalid configuration or unreadable image.\n' +
    'Formats: text, json (stowage.check/v1), junit (JUnit XML), sarif (SARIF 2.1.0).',
  options: [
    {
      name: 'config',
      type: 'string',
      valueName: 'FILE',
      description: 'stowage.yaml to read `check:` from (default ./stowage.yaml if present)',
    },
    {
      name: 'dive-ci',
      type: 'string',
      valueName: 'FILE',
      description: 'dive CI rules file (default ./.dive-ci if present)',
    },
    {
      name: 'base',
      type: 'string',
      valueName: 'IMAGE',
      description: 'base image whose layers are not judged',
    },
    {
      name: 'ignore',
      type: 'string',
      multiple: true,
      valueName: 'GLOB',
      description: 'paths whose waste is not judged (repeatable)',
    },
    {
      name: 'min-efficiency',
      type: 'string',
      valueName: 'RATIO',
      description: 'lowest efficiency, e.g. 0.9 or 90%',
    },
    {
      name: 'efficiency-metric',
      type: 'string',
      valueName: 'NAME',
      description: 'stowage (default: 1 − reclaimable/layer bytes) or dive',
    },
    {
      name: 'max-reclaimable',
      type: 'string',
      valueName: 'SIZE',
      description: 'most reclaimable bytes, e.g. 20MB',
    },
    {
      name: 'max-reclaimable-percent',
      type: 'string',
      valueName: 'PCT',
      description: 'most reclaimable bytes as % of layer bytes',
    },
    {
      name: 'max-size',
      type: 'string',
      valueName: 'SIZE',
      description: 'largest stored (compressed) image size',
    },
    {
      name: 'max-uncompressed-size',
      type: 'string',
      valueName: 'SIZE',
      description: 'largest file content over all layers',
    },
    { name: 'max-layers', type: 'string', valueName: 'N', description: 'most layers' },
  ],
  formats: ['text', 'json', 'junit', 'sarif'],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const flags = flagConfig(ctx.values);
    const project = await loadProjectConfig({
      cwd: process.cwd(),
      ...(typeof ctx.values.config === 'string' && { configPath: ctx.values.config }),
    });
    const loaded = await loadCheckConfig({
      project,
      ...(typeof ctx.values['dive-ci'] === 'string' && { diveCiFile: ctx.values['dive-ci'] }),
    });
    const config: CheckConfig = { ...loaded.config, ...flags };
    const configured =
      loaded.files.length > 0 || Object.keys(flags).some((k) => k !== 'ignore' && k !== 'base');
    if (!configured) config.minEfficiency = 0.9;
    const { facts, stack } = await readLayers(ctx, ctx.args[0] as string);
    const warnings = [...stack.warnings];
    const base = await resolveBase(ctx, facts, config, flags.base !== undefined, warnings);
    const outcome = evaluateCheck(
      {
        stack,
        compressedSizes: facts.layers.map((l) => l.compressedSize),
        dive: diveScore(stack.trie, stack.tables),
        baseLayers: base.layers,
      },
      config,
    );
    const report = buildCheckReport(facts, outcome, {
      configFiles: loaded.files,
      base,
      ignore: config.ignore ?? [],
      warnings,
    });
    switch (ctx.global.format) {
      case 'json':
        ctx.out(`${JSON.stringify(report, null, 2)}\n`);
        break;
      case 'junit':
        ctx.out(renderCheckJunit(report));
        break;
      case 'sarif':
        ctx.out(renderCheckSarif(report, packageVersion()));
        break;
      default:
        ctx.out(renderCheckText(report, { style: ctx.style }));
    }
    return report.passed ? ExitCode.ok : ExitCode.policyFailed;
  },
};
