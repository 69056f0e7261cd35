/**
 * Base-image exclusion: which leading layers of an image belong to its base. The base is named by
 * the user (`--base`, or `base:` in stowage.yaml) or by the `org.opencontainers.image.base.name` /
 * `.digest` annotations (on the manifest, or as labels in the config); its layers are matched against
 * the image's first layers by digest or diff_id, in order.
 */
import type { ImageConfig } from '../../model/config.js';
import type { Manifest } from '../../model/manifest.js';

/** BASE_NAME and BASE_DIGEST are the OCI annotation keys naming the base image. */
export const BASE_NAME = 'org.opencontainers.image.base.name';
export const BASE_DIGEST = 'org.opencontainers.image.base.digest';

/** BaseHint is a base image named inside the image itself. */
export interface BaseHint {
  /** a reference to open: `name@digest` when both are given */
  reference: string;
  source: 'annotation' | 'label';
}

/** baseHint finds the base image the manifest annotations (first) or config labels name. */
export function baseHint(manifest: Manifest, config: ImageConfig): BaseHint | undefined {
  const tries: [Record<string, string> | undefined, BaseHint['source']][] = [
    [manifest.annotations, 'annotation'],
    [config.config.Labels, 'label'],
  ];
  for (const [map, source] of tries) {
    const name = map?.[BASE_NAME];
    if (name === undefined || name === '') continue;
    const digest = map?.[BASE_DIGEST];
    const reference =
      digest !== undefined && digest !== '' && !name.includes('@')
        ? `${name.replace(/:[^/:]*$/, '')}@${digest}`
        : name;
    return { reference, source };
  }
  return undefined;
}

/** LayerIds identifies a layer by its blob digest and its diff_id. */
export interface LayerIds {
  digest: string;
  diffId: string;
}

/**
 * matchBaseLayers counts the image's leading layers that equal the base's layers in order (same
 * diff_id, or same blob digest). `complete` is false when the base has layers that did not match.
 */
export function matchBaseLayers(
  image: readonly LayerIds[],
  base: readonly LayerIds[],
): { count: number; complete: boolean } {
  let count = 0;
  while (count < base.length && count < image.length) {
    const a = image[count] as LayerIds;
    const b = base[count] as LayerIds;
    if (a.diffId !== b.diffId && a.digest !== b.digest) break;
    count++;
  }
  return { count, complete: count === base.length };
}
