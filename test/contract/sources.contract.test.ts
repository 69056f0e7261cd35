/**
 * The image-source contract: one suite, the same assertions (contract-suite.ts), run against every
 * source on images built at test time by buildah (and shaped like Docker ≥ 25's `docker save`, and
 * recompressed to zstd by skopeo): the local files, the same images pushed by skopeo to a real
 * loopback docker-registry, and the app image loaded with `docker load` into a real dockerd.
 * skopeo and Python's tarfile are the oracle.
 */
import { join } from 'node:path';
import { APP_DOCKER_TAG, APP_STEPS } from '../fixtures/app-image.js';
import { getFixtures, type Fixtures } from '../fixtures/fixtures.js';
import { MULTI_STEPS } from '../fixtures/multi-platform.js';
import { startDockerd, type Dockerd } from '../engine/dockerd.js';
import { skopeoCopy, startRegistry, type RegistryServer } from '../registry/registry-server.js';
import { contractSuite, type SourceCase, type Target } from './contract-suite.js';
import { unpackArchive } from './oracle.js';

const LOCAL_TOOLS = ['buildah', 'skopeo', 'tar', 'python3', 'gzip', 'zstd'];

type LocalTransport = 'oci' | 'oci-archive' | 'docker-archive';

/**
 * local makes a case's target for a fixture file: stowage and skopeo read the same reference, and
 * the blobs are the layout itself or the archive unpacked by GNU tar.
 */
function local(
  transport: LocalTransport,
  path: (fx: Fixtures) => string,
  suffix?: string,
): (fx: Fixtures, caseDir: string) => Promise<Target> {
  return async (fx, caseDir) => {
    const ref = `${transport}:${path(fx)}${suffix === undefined ? '' : `:${suffix}`}`;
    const blobRoot =
      transport === 'oci' ? path(fx) : await unpackArchive(path(fx), join(caseDir, 'unpacked'));
    return { ref, oracle: { ref }, blobRoot };
  };
}

const LOCAL_CASES: SourceCase<Fixtures>[] = [
  {
    name: 'buildah → oci',
    target: local('oci', (f) => f.app.ociDir, 'v1'),
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'buildah → oci-archive',
    target: local('oci-archive', (f) => f.app.ociArchive, 'v1'),
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'buildah → docker-archive',
    target: local('docker-archive', (f) => f.app.dockerArchive, APP_DOCKER_TAG),
    dockerSave: true,
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'docker ≥ 25 save archive as docker-archive',
    target: local('docker-archive', (f) => f.app.docker25Archive),
    dockerSave: true,
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'docker ≥ 25 save archive as oci-archive',
    target: local('oci-archive', (f) => f.app.docker25Archive, 'v1'),
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'skopeo zstd → oci',
    target: local('oci', (f) => f.app.zstdOciDir, 'v1'),
    steps: APP_STEPS,
    build: 'app',
  },
  {
    name: 'two-platform index, linux/amd64',
    target: local('oci', (f) => f.multi.ociDir, 'v1'),
    platform: 'linux/amd64',
    steps: MULTI_STEPS,
    build: 'multi-amd64',
  },
  {
    name: 'two-platform index, linux/arm64',
    target: local('oci', (f) => f.multi.ociDir, 'v1'),
    platform: 'linux/arm64',
    steps: MULTI_STEPS,
    build: 'multi-arm64',
  },
];

contractSuite('image source contract', LOCAL_TOOLS, () => getFixtures(), LOCAL_CASES);

/** REGISTRY_PUSHES are the fixture layouts pushed to the registry: repository:tag ← layout. */
const REGISTRY_PUSHES: { repo: string; from: (fx: Fixtures) => string; all?: boolean }[] = [
  { repo: 'app:v1', from: (f) => `oci:${f.app.ociDir}:${f.app.tag}` },
  { repo: 'app-zstd:v1', from: (f) => `oci:${f.app.zstdOciDir}:${f.app.tag}` },
  { repo: 'multi:v1', from: (f) => `oci:${f.multi.ociDir}:${f.multi.tag}`, all: true },
];

/**
 * pushed makes a case's target for an image pushed to the registry: skopeo reads it over plain
 * HTTP and the blobs are the files of the registry's own storage. Each case has its own blob cache,
 * so every case fetches from the registry.
 */
function pushed(repo: string): (reg: RegistryServer, caseDir: string) => Promise<Target> {
  return (reg, caseDir) =>
    Promise.resolve({
      ref: `registry:${reg.host}/${repo}`,
      options: { cacheDir: join(caseDir, 'cache') },
      oracle: {
        ref: `docker://${reg.host}/${repo}`,
        inspectFlags: ['--tls-verify=false'],
        copyFlags: ['--src-tls-verify=false'],
      },
      blobRoot: join(reg.dir, 'data'),
    });
}

const REGISTRY_CASES: SourceCase<RegistryServer>[] = [
  { name: 'registry ← buildah oci', target: pushed('app:v1'), steps: APP_STEPS, build: 'app' },
  { name: 'registry ← skopeo zstd oci', target: pushed('app-zstd:v1'), steps: APP_STEPS, build: 'app' },
  {
    name: 'registry ← index, linux/amd64',
    target: pushed('multi:v1'),
    platform: 'linux/amd64',
    steps: MULTI_STEPS,
    build: 'multi-amd64',
  },
  {
    name: 'registry ← index, linux/arm64',
    target: pushed('multi:v1'),
    platform: 'linux/arm64',
    steps: MULTI_STEPS,
    build: 'multi-arm64',
  },
];

contractSuite(
  'image source contract: registry',
  [...LOCAL_TOOLS, 'docker-registry'],
  async (_scratch, defer) => {
    const fx = await getFixtures();
    const reg = await startRegistry();
    defer(() => reg.stop());
    for (const p of REGISTRY_PUSHES) {
      await skopeoCopy(p.from(fx), `docker://${reg.host}/${p.repo}`, p.all === true ? ['--all'] : []);
    }
    return reg;
  },
  REGISTRY_CASES,
);

/**
 * loaded makes the target for the app image loaded into dockerd: stowage reads `docker:NAME` over
 * the test socket, skopeo reads `docker-daemon:NAME` from the same daemon, and the blobs are those
 * of a `docker save` of the loaded image.
 */
async function loaded(daemon: Dockerd, caseDir: string): Promise<Target> {
  const name = APP_DOCKER_TAG;
  const saved = join(caseDir, 'saved.tar');
  await daemon.docker(['save', '-o', saved, name]);
  return {
    ref: `docker:${name}`,
    options: { env: { DOCKER_HOST: daemon.host }, cacheDir: join(caseDir, 'cache') },
    oracle: {
      ref: `docker-daemon:${name}`,
      inspectFlags: ['--daemon-host', daemon.host],
      copyFlags: ['--src-daemon-host', daemon.host],
    },
    blobRoot: await unpackArchive(saved, join(caseDir, 'unpacked')),
  };
}

contractSuite(
  'image source contract: docker engine',
  [...LOCAL_TOOLS, 'dockerd', 'docker'],
  async (_scratch, defer) => {
    const fx = await getFixtures();
    const daemon = await startDockerd();
    defer(() => daemon.stop());
    await daemon.docker(['load', '-i', fx.app.dockerArchive]);
    return daemon;
  },
  [
    {
      name: 'docker ← docker load of app archive',
      target: loaded,
      dockerSave: true,
      steps: APP_STEPS,
      build: 'app',
    },
  ],
);
