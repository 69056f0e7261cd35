/**
 * `docker save`'s manifest.json: one entry per image with its config file, tags and layer files,
 * and choosing one entry by tag (`repo:tag`, `tag`, or skopeo's `@N` index).
 */
import { parseDescriptor, type Descriptor } from '../../model/descriptor.js';
import { StowageError, type ErrorWhere } from '../../model/errors.js';
import { FieldReader, parseJson } from '../../model/json.js';

/** SavedImage is one entry of manifest.json. */
export interface SavedImage {
  config: string;
  repoTags: string[];
  layers: string[];
  /** foreign layers' descriptors, by diff_id */
  layerSources: Record<string, Descriptor>;
}

/** parseManifestJson parses manifest.json. */
export function parseManifestJson(raw: Uint8Array, where: ErrorWhere): SavedImage[] {
  const r = new FieldReader('manifest.json', where);
  return r.array(parseJson(raw, 'manifest.json', where), 'manifest.json').map((v, i) => {
    const o = r.object(v, `[${i}]`);
    const sources: Record<string, Descriptor> = {};
    const ls = r.optObject(o.LayerSources, `[${i}].LayerSources`) ?? {};
    for (const [k, d] of Object.entries(ls)) sources[k] = parseDescriptor(d, `[${i}].LayerSources.${k}`, r);
    return {
      config: r.string(o.Config, `[${i}].Config`),
      repoTags: r.stringArray(o.RepoTags, `[${i}].RepoTags`) ?? [],
      layers: r.stringArray(o.Layers, `[${i}].Layers`) ?? [],
      layerSources: sources,
    };
  });
}

/** normalizeRepoTag writes a Docker reference in full form (`busybox` → `docker.io/library/busybox:latest`). */
function normalizeRepoTag(t: string): string {
  const slash = t.indexOf('/');
  const first = slash < 0 ? '' : t.slice(0, slash);
  let full = first.includes('.') || first.includes(':') || first === 'localhost' ? t : `docker.io/${t}`;
  if (/^docker\.io\/[^/]+$/.test(full.replace(/[:@].*$/, '')))
    full = full.replace('docker.io/', 'docker.io/library/');
  const last = full.slice(full.lastIndexOf('/') + 1);
  return last.includes(':') || last.includes('@') ? full : `${full}:latest`;
}

function listing(images: SavedImage[]): string {
  return images
    .map((im, i) => (im.repoTags.length > 0 ? im.repoTags.join(', ') : `@${i} (untagged)`))
    .join('; ');
}

/**
 * selectSaved picks the image `tag` names: `@N` by position, a repo:tag (normalised, so
 * `busybox` finds `docker.io/library/busybox:latest`), or a bare tag when only one image has it.
 * Without a tag the archive must hold one image.
 */
export function selectSaved(images: SavedImage[], tag: string | undefined, file: string): SavedImage {
  const where = { file };
  const fail = (detail: string): never => {
    throw new StowageError('TAG_NOT_FOUND', detail, {
      where,
      hint: `the archive holds: ${listing(images)}; write docker-archive:${file}:REPO:TAG or :@N`,
    });
  };
  if (images.length === 0) {
    throw new StowageError('NOT_AN_IMAGE', 'manifest.json lists no images', { where });
  }
  if (tag === undefined) {
    if (images.length === 1) return images[0] as SavedImage;
    return fail(`the archive holds ${images.length} images; name one`);
  }
  const n = /^@(\d+)$/.exec(tag);
  if (n) return images[Number(n[1])] ?? fail(`there is no image @${n[1]}`);
  const want = normalizeRepoTag(tag);
  const exact = images.filter((im) => im.repoTags.some((t) => t === tag || normalizeRepoTag(t) === want));
  const loose = tag.includes(':')
    ? []
    : images.filter((im) => im.repoTags.some((t) => t.endsWith(`:${tag}`)));
  const hits = exact.length > 0 ? exact : loose;
  if (hits.length === 1) return hits[0] as SavedImage;
  return fail(hits.length > 1 ? `tag "${tag}" is ambiguous` : `no image tagged "${tag}"`);
}
