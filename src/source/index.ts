/**
 * Resolving a user's image reference to a source: `oci:DIR[:tag|@digest]`,
 * `oci-archive:FILE[:tag]`, `docker-archive:FILE[:repo:tag|:@N]`, `registry:REF`, or a bare
 * existing path (sniffed) or registry name (`nginx` is `docker.io/library/nginx:latest`).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StowageError } from '../model/errors.js';
import type { Image } from '../model/image.js';
import { parsePlatform, type Platform } from '../model/platform.js';
import { blobImage, rootPlatforms, type ImageRoot } from './blob-image.js';
import { openDockerArchive } from './docker-archive/index.js';
import { openEngine, type EngineOptions } from './engine/index.js';
import { openOciArchive } from './oci-archive/index.js';
import { openOciLayout } from './oci-layout/index.js';
import { openRegistry, type RegistrySourceOptions } from './registry/index.js';
import type { PlatformEntry } from './platform-select.js';
import { pathExists, splitPathReference, type PathReference } from './reference.js';
import { TarArchive } from './tar-archive.js';

export { blobImage, rootPlatforms, type ImageRoot } from './blob-image.js';
export type { BlobStore } from './blob-store.js';
export type { PlatformEntry } from './platform-select.js';

/**
 * OpenOptions choose the platform of a multi-platform image (default linux/<host arch>) and set
 * registry access (credentials, --insecure, the blob cache).
 */
export interface OpenOptions extends RegistrySourceOptions {
  platform?: string | Platform;
}

const LOCAL_SCHEMES = ['oci', 'oci-archive', 'docker-archive'] as const;
type LocalScheme = (typeof LOCAL_SCHEMES)[number];
const UNSUPPORTED_SCHEMES = ['docker-daemon', 'containers-storage'];
const SCHEME_HINT =
  'use oci:DIR[:tag], oci-archive:FILE[:tag], docker-archive:FILE[:repo:tag], registry:NAME[:tag], docker:NAME, podman:NAME, or an existing path';

/** openImage resolves a reference and returns its Image; nothing but the root document is read yet. */
export async function openImage(reference: string, opts: OpenOptions = {}): Promise<Image> {
  const platform = typeof opts.platform === 'string' ? parsePlatform(opts.platform) : opts.platform;
  return blobImage(await resolveReference(reference, opts), platform === undefined ? {} : { platform });
}

/** listPlatforms lists the images a reference holds: an index's platforms, or the one image. */
export async function listPlatforms(reference: string, opts: OpenOptions = {}): Promise<PlatformEntry[]> {
  return rootPlatforms(await resolveReference(reference, opts));
}

/** resolveReference parses a reference and opens its source, down to the root manifest or index. */
export async function resolveReference(reference: string, opts: OpenOptions = {}): Promise<ImageRoot> {
  const m = /^([a-z][a-z0-9-]*):(.*)$/s.exec(reference);
  const scheme = m?.[1];
  const rest = m?.[2] ?? '';
  if (scheme !== undefined && (LOCAL_SCHEMES as readonly string[]).includes(scheme)) {
    const ref = await splitPathReference(rest);
    if (ref === undefined) {
      throw new StowageError('NOT_FOUND', 'no such file or directory', {
        where: { file: rest },
        hint: "a ':tag' suffix is read as a tag only when the path before it exists",
      });
    }
    return openScheme(scheme as LocalScheme, ref);
  }
  if (scheme === 'registry') return openRegistry(rest, opts);
  if ((scheme === 'docker' || scheme === 'podman') && !(await pathExists(reference))) {
    return openEngine(scheme, rest, engineOptions(opts));
  }
  if (scheme !== undefined && UNSUPPORTED_SCHEMES.includes(scheme) && !(await pathExists(reference))) {
    throw new StowageError('INVALID_REFERENCE', `${scheme}: references are not supported`, {
      hint: SCHEME_HINT,
    });
  }
  return openBare(reference, opts);
}

function engineOptions(opts: OpenOptions): EngineOptions {
  const out: EngineOptions = {};
  if (opts.env !== undefined) out.env = opts.env;
  if (opts.cacheDir !== undefined) out.cacheDir = opts.cacheDir;
  return out;
}

function openScheme(scheme: LocalScheme, ref: PathReference, archive?: TarArchive): Promise<ImageRoot> {
  if (scheme === 'oci') return openOciLayout(ref);
  if (scheme === 'oci-archive') return openOciArchive(ref, archive);
  return openDockerArchive(ref, archive);
}

/** openBare sniffs an existing path: a layout directory, or a tar by the members it holds. */
async function openBare(reference: string, opts: OpenOptions): Promise<ImageRoot> {
  const ref = await splitPathReference(reference);
  if (ref === undefined) {
    if (/^(\.{0,2}\/|~)/.test(reference) || /\.(tar|tgz|tar\.gz|tar\.zst)$/.test(reference)) {
      throw new StowageError('NOT_FOUND', 'no such file or directory', {
        where: { file: reference },
        hint: SCHEME_HINT,
      });
    }
    return openRegistry(reference, opts);
  }
  if ((await stat(ref.path)).isDirectory()) {
    if (
      (await pathExists(join(ref.path, 'index.json'))) ||
      (await pathExists(join(ref.path, 'oci-layout')))
    ) {
      return openScheme('oci', ref);
    }
    throw new StowageError('NOT_AN_IMAGE', 'the directory is not an OCI image layout (no index.json)', {
      where: { file: ref.path },
      hint: SCHEME_HINT,
    });
  }
  const archive = await TarArchive.scan(ref.path);
  if (await archive.exists('manifest.json')) return openScheme('docker-archive', ref, archive);
  if (await archive.exists('index.json')) return openScheme('oci-archive', ref, archive);
  throw new StowageError(
    'NOT_AN_IMAGE',
    'the tar holds neither manifest.json (docker save) nor index.json (OCI)',
    {
      where: { file: ref.path },
      hint: SCHEME_HINT,
    },
  );
}
