/**
 * `stowage dockerfile IMAGE`: the Dockerfile reconstructed from the image's config and history,
 * with comments where the history cannot tell (base image, hashed COPY sources, build args;
 * secret-looking values redacted as `audit` redacts them).
 */
import { reconstructDockerfile } from '../../analysis/history/reconstruct.js';
import type { Command } from '../command.js';

/** dockerfileCommand prints the reconstructed Dockerfile. */
export const dockerfileCommand: Command = {
  name: 'dockerfile',
  summary: 'reconstruct the Dockerfile behind an image from its history',
  synopsis: 'IMAGE',
  description:
    'Reads the config only (no layer is downloaded). Understands the classic builder’s and buildah’s\n' +
    '`/bin/sh -c #(nop) …` and `|N KEY=VALUE … /bin/sh -c …` forms and BuildKit’s `… # buildkit` forms.\n' +
    'Build args and ENV values whose names look secret are redacted. With --format json prints a\n' +
    'stowage.dockerfile/v1 document: every step with its layer, its created_by and the line made of it.',
  args: { min: 1, max: 1 },
  async run(ctx) {
    const image = await ctx.openImage(ctx.args[0] as string);
    const [config, layers] = await Promise.all([image.config(), image.layers()]);
    const r = reconstructDockerfile(config, layers.length);
    ctx.out(
      ctx.global.format === 'json'
        ? `${JSON.stringify(
            {
              schema: 'stowage.dockerfile/v1',
              reference: image.ref().display,
              manifestDigest: await image.manifestDigest(),
              steps: r.steps.map((s) => ({
                layer: s.layer,
                createdBy: s.createdBy,
                instruction: s.line || null,
                comments: s.comments,
              })),
              dockerfile: r.dockerfile,
            },
            null,
            2,
          )}\n`
        : r.dockerfile,
    );
  },
};
