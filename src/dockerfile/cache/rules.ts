/**
 * The cache rules of each builder, as far as they differ. BuildKit's come from its documentation
 * and source (DESIGN.md §5.4); buildah 1.28's were observed by building and rebuilding with
 * `buildah bud --layers` (test/cache/buildah-agreement.test.ts keeps them honest).
 */
import type { Builder } from './model.js';

/** BuilderRules are the switches the planner reads. */
export interface BuilderRules {
  builder: Builder;
  /**
   * ownerCounts: a context file's uid/gid enter the COPY checksum. BuildKit forces them to 0 for
   * the local context; buildah's `file:`/`dir:` digest is over a tar of the files as they are.
   */
  ownerCounts: boolean;
  /**
   * everyInstructionIsStep: every instruction commits an image that the next one builds on, so a
   * changed LABEL or ENV misses itself and everything after (buildah). BuildKit keeps no cache
   * record for metadata instructions; only what they feed into RUN (env, user, shell) counts.
   */
  everyInstructionIsStep: boolean;
  /** linkIndependent: `COPY --link` is keyed without its parent (BuildKit only). */
  linkIndependent: boolean;
  /** ignoreFiles lists the ignore files tried in order for a Dockerfile at `dockerfilePath`. */
  ignoreFiles(dockerfilePath: string): string[];
}

const buildkit: BuilderRules = {
  builder: 'buildkit',
  ownerCounts: false,
  everyInstructionIsStep: false,
  linkIndependent: true,
  ignoreFiles: (df) => [`${df}.dockerignore`, '.dockerignore'],
};

const buildah: BuilderRules = {
  builder: 'buildah',
  ownerCounts: true,
  everyInstructionIsStep: true,
  linkIndependent: false,
  ignoreFiles: (df) => [`${df}.containerignore`, `${df}.dockerignore`, '.containerignore', '.dockerignore'],
};

/** rulesFor returns the rule set of a builder. */
export function rulesFor(builder: Builder): BuilderRules {
  return builder === 'buildah' ? buildah : buildkit;
}
