/**
 * loadForExplorer: the shared first step of `explore` and `report` — open the image (and the one to
 * compare against) and read the explorer's model, with progress and warnings on stderr.
 */
import { baseHint } from '../../analysis/check/base-layers.js';
import { isStowageError } from '../../model/errors.js';
import type { Image } from '../../model/image.js';
import type { ExploreModel } from '../../report/explore-types.js';
import { loadExploreModel } from '../../report/explore-model.js';
import type { CommandContext } from '../command.js';
import { packageVersion } from '../version.js';

/** AGAINST_OPTION is `--against IMAGE2`, shared by explore and report. */
export const AGAINST_OPTION = {
  name: 'against',
  type: 'string',
  valueName: 'IMAGE2',
  description: 'compare with IMAGE2: shared and own layers, files added, removed and changed',
} as const;

/** BASE_OPTION is `--base IMAGE`: whose leading layers the layer list collapses into one row. */
export const BASE_OPTION = {
  name: 'base',
  type: 'string',
  valueName: 'IMAGE',
  description: 'the base image, whose layers the layer list collapses (default: the one the image names)',
} as const;

/**
 * openBase opens --base (which must open) or the base the image's annotations or labels name (which
 * may be out of reach: then the layer list shows every layer, with a warning).
 */
async function openBase(ctx: CommandContext, image: Image): Promise<Image | undefined> {
  if (typeof ctx.values.base === 'string') return ctx.openImage(ctx.values.base);
  const hint = baseHint(await image.manifest(), await image.config());
  if (hint === undefined) return undefined;
  try {
    return await ctx.openImage(hint.reference);
  } catch (e) {
    const why = isStowageError(e) ? e.detail : String(e);
    ctx.io.stderr.write(
      `stowage: warning: cannot open the base image ${hint.reference} the image's ${hint.source}s name (${why}); every layer is listed\n`,
    );
    return undefined;
  }
}

/**
 * loadForExplorer reads the model of `ctx.args[0]` (and --against): for `explore` (files: true) with
 * the audit deferred to the server, for `report` with the audit inside.
 */
export async function loadForExplorer(
  ctx: CommandContext,
  files: boolean,
): Promise<{ image: Image; model: ExploreModel }> {
  const image = await ctx.openImage(ctx.args[0] as string);
  const against =
    typeof ctx.values.against === 'string' ? await ctx.openImage(ctx.values.against) : undefined;
  const base = await openBase(ctx, image);
  const model = await loadExploreModel(image, {
    files,
    audit: files ? 'deferred' : 'inline',
    ...(base !== undefined && { base }),
    ...(against !== undefined && { against }),
    toolVersion: packageVersion(),
    onProgress: (m) => ctx.progress.update(m),
  });
  ctx.progress.clear();
  for (const w of model.warnings) ctx.io.stderr.write(`stowage: warning: ${w}\n`);
  return { image, model };
}
