/**
 * Resolving a reference inside an OCI image layout (directory or archive): read index.json, pick
 * the entry by tag (`org.opencontainers.image.ref.name`), by digest, or the only one, and load
 * the manifest or index it points to.
 */
import type { Descriptor } from '../../model/descriptor.js';
import { digestAlgorithm, digestOf, type Digest } from '../../model/digest.js';
import { StowageError } from '../../model/errors.js';
import type { SourceKind } from '../../model/image.js';
import { parseManifestOrIndex, type Index, type ParsedDocument } from '../../model/manifest.js';
import { readAll, readBlob, type BlobStore } from '../blob-store.js';
import type { ImageRoot } from '../blob-image.js';
import type { FileSet } from '../file-set.js';
import { formatReference, type PathReference } from '../reference.js';
import { blobPath, layoutStore } from './layout-store.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

/** layoutRoot resolves `ref` (its tag or digest) in the layout `files`. */
export async function layoutRoot(files: FileSet, ref: PathReference, source: SourceKind): Promise<ImageRoot> {
  if (!(await files.exists('index.json'))) {
    throw new StowageError('NOT_AN_IMAGE', 'not an OCI image layout: there is no index.json', {
      where: { file: files.describe() },
      hint: 'an OCI layout holds oci-layout, index.json and blobs/; for `docker save` output use docker-archive:',
    });
  }
  const where = { file: files.describe('index.json') };
  const raw = await readAll(files.open('index.json'), 'manifestBytes', 'index.json', where);
  const top = parseManifestOrIndex(raw, 'index.json', where);
  if (top.kind !== 'index') {
    throw new StowageError('INVALID_MANIFEST', 'index.json is a manifest, not an index', { where });
  }
  const store = layoutStore(files);
  const imageRef = { source, location: ref.path, display: formatReference(source, ref), ...pick(ref) };
  const chosen = await choose(files, store, top, ref);
  return { store, document: chosen, ref: imageRef };
}

function pick(ref: PathReference): { tag?: string; digest?: Digest } {
  const out: { tag?: string; digest?: Digest } = {};
  if (ref.tag !== undefined) out.tag = ref.tag;
  if (ref.digest !== undefined) out.digest = ref.digest;
  return out;
}

async function choose(
  files: FileSet,
  store: BlobStore,
  top: Extract<ParsedDocument, { kind: 'index' }>,
  ref: PathReference,
): Promise<ParsedDocument> {
  const entries = top.index.manifests;
  if (ref.digest !== undefined) {
    const d = entries.find((e) => e.digest === ref.digest);
    if (d) return load(store, d);
    return loadByDigest(files, ref.digest);
  }
  if (ref.tag !== undefined) return load(store, byTag(files, top.index, ref.tag));
  const only = entries[0];
  if (entries.length === 1 && only !== undefined) return load(store, only);
  if (entries.length === 0) {
    throw new StowageError('NOT_AN_IMAGE', 'index.json lists no images', {
      where: { file: files.describe() },
    });
  }
  // Several untagged entries are one multi-platform image written straight into index.json.
  if (tagsOf(top.index).length === 0) return top;
  throw new StowageError('TAG_NOT_FOUND', `the layout holds ${entries.length} images; name one by tag`, {
    where: { file: files.describe() },
    hint: `tags: ${tagsOf(top.index).join(', ')} (write ${files.describe()}:TAG)`,
  });
}

function namesOf(d: Descriptor): string[] {
  return [d.annotations?.[REF_NAME], d.annotations?.[CONTAINERD_NAME]].filter(
    (n): n is string => n !== undefined,
  );
}

function tagsOf(index: Index): string[] {
  return index.manifests.flatMap((d) => {
    const n = d.annotations?.[REF_NAME] ?? d.annotations?.[CONTAINERD_NAME];
    return n === undefined ? [] : [n];
  });
}

/** byTag matches a tag exactly, else as the tail of a full reference name (`…/busybox:latest`). */
function byTag(files: FileSet, index: Index, tag: string): Descriptor {
  const exact = index.manifests.filter((d) => namesOf(d).includes(tag));
  const loose = index.manifests.filter((d) =>
    namesOf(d).some((n) => (!tag.includes(':') && n.endsWith(`:${tag}`)) || n.endsWith(`/${tag}`)),
  );
  const hits = exact.length > 0 ? exact : loose;
  const hit = hits[0];
  if (hits.length === 1 && hit !== undefined) return hit;
  const tags = tagsOf(index);
  const detail =
    hits.length > 1
      ? `tag "${tag}" is ambiguous: it matches ${hits.length} images`
      : `no image tagged "${tag}"`;
  throw new StowageError('TAG_NOT_FOUND', detail, {
    where: { file: files.describe() },
    hint: tags.length > 0 ? `tags in the layout: ${tags.join(', ')}` : 'the layout has no tagged images',
  });
}

async function load(store: BlobStore, d: Descriptor): Promise<ParsedDocument> {
  const raw = await readBlob(store, d, 'manifest', 'manifestBytes');
  return parseManifestOrIndex(raw, `manifest ${d.digest}`, { file: store.describe(d) });
}

/** loadByDigest reads a manifest that index.json does not list (e.g. one platform of an index). */
async function loadByDigest(files: FileSet, digest: Digest): Promise<ParsedDocument> {
  const name = blobPath(digest);
  const where = { file: files.describe(name) };
  if (!(await files.exists(name))) {
    throw new StowageError('TAG_NOT_FOUND', `no manifest with digest ${digest}`, {
      where: { file: files.describe() },
      hint: 'list the layout with `stowage inspect` to see the digests it holds',
    });
  }
  const raw = await readAll(files.open(name), 'manifestBytes', `manifest ${digest}`, where);
  if (digestOf(raw, digestAlgorithm(digest)) !== digest) {
    throw new StowageError('DIGEST_MISMATCH', `blob ${name} does not hash to ${digest}`, { where });
  }
  return parseManifestOrIndex(raw, `manifest ${digest}`, where);
}
