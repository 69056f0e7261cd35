/**
 * The sample image's build, step by step, as a Dockerfile would have made it: a base, a package
 * install that leaves apt caches, an app COPY with (fake, obviously sample) secrets, a chmod-only
 * copy, a cleanup RUN that deletes files and directories (whiteouts, an opaque directory), and the
 * overwrite of a large file. Steps without files are empty-layer history entries.
 */
import type { EntryType } from '../model/layer-entry.js';
import { pseudoRandom, repeatedText, text } from './sample-content.js';

/** SampleFile is one tar entry of a sample layer; parent directories are added automatically. */
export interface SampleFile {
  path: string;
  type?: EntryType;
  mode?: number;
  body?: Buffer;
  linkTarget?: string;
}

/** SampleStep is one history entry; with `files` it makes a layer, without it is an empty layer. */
export interface SampleStep {
  createdBy: string;
  files?: SampleFile[];
}

const nop = (instruction: string): string => `/bin/sh -c #(nop)  ${instruction}`;

const packagesList = repeatedText(
  320_000,
  (i) =>
    `Package: sample-pkg-${i}\nVersion: 1.${i % 17}.${i % 5}-1\nArchitecture: amd64\n` +
    `Maintainer: Sample Maintainers <sample@example.invalid>\nInstalled-Size: ${(i * 37) % 900}\n` +
    `Description: sample package number ${i} for the stowage demo image\n\n`,
);

const FAKE_KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\n' +
  'U0FNUExFIE9OTFkgLSBub3QgYSByZWFsIGtleSAtIHN0b3dhZ2Ugc2FtcGxlIGltYWdl\n' +
  'c2FtcGxlLW5vdC1hLXJlYWwta2V5LXNhbXBsZS1ub3QtYS1yZWFsLWtleS1zYW1wbGU=\n' +
  '-----END OPENSSH PRIVATE KEY-----\n' +
  '# This file is a SAMPLE made by stowage for demos; it is not a key.\n';

/** SAMPLE_STEPS is the sample image's history, base first. */
export const SAMPLE_STEPS: readonly SampleStep[] = [
  {
    createdBy: '/bin/sh -c #(nop) ADD file:5a0c9d2e6c1e2b3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f in / ',
    files: [
      { path: 'bin/busybox', mode: 0o755, body: pseudoRandom('busybox', 180_000) },
      { path: 'bin/cat', type: 'hardlink', linkTarget: 'bin/busybox' },
      { path: 'bin/ls', type: 'symlink', linkTarget: 'busybox' },
      { path: 'bin/sh', type: 'symlink', linkTarget: 'busybox' },
      { path: 'etc/group', body: text('root:x:0:\napp:x:1000:\n') },
      { path: 'etc/hostname', body: text('sample\n') },
      { path: 'etc/os-release', body: text('NAME="Stowage Sample Linux"\nID=stowage-sample\nVERSION_ID=1.0\n') },
      {
        path: 'etc/passwd',
        body: text('root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/app:/bin/sh\n'),
      },
      { path: 'etc/shadow', mode: 0o640, body: text('root:*:19000:0:99999:7:::\napp:!:19000:0:99999:7:::\n') },
      { path: 'lib/libc.so.6', mode: 0o755, body: pseudoRandom('libc', 120_000) },
      { path: 'root', type: 'dir', mode: 0o700 },
      { path: 'tmp', type: 'dir', mode: 0o1777 },
      { path: 'usr/bin', type: 'dir' },
      { path: 'var/log', type: 'dir' },
    ],
  },
  { createdBy: nop('CMD ["/bin/sh"]') },
  { createdBy: nop('ENV PATH=/usr/local/bin:/usr/bin:/bin APP_ENV=production') },
  {
    createdBy:
      '/bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl ca-certificates',
    files: [
      { path: 'etc/ssl/certs/ca-certificates.crt', body: repeatedText(40_000, (i) => `# sample CA ${i}\n`) },
      { path: 'usr/bin/curl', mode: 0o755, body: pseudoRandom('curl', 90_000) },
      { path: 'usr/lib/libcurl.so.4', mode: 0o755, body: pseudoRandom('libcurl', 110_000) },
      { path: 'var/cache/apt/archives/ca-certificates_20230311_all.deb', body: pseudoRandom('ca-deb', 60_000) },
      { path: 'var/cache/apt/archives/curl_7.88.1-10_amd64.deb', body: pseudoRandom('curl-deb', 100_000) },
      { path: 'var/cache/apt/archives/libcurl4_7.88.1-10_amd64.deb', body: pseudoRandom('libcurl-deb', 150_000) },
      { path: 'var/cache/apt/archives/lock', mode: 0o640, body: text('') },
      { path: 'var/cache/apt/archives/partial', type: 'dir', mode: 0o700 },
      {
        path: 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease',
        body: repeatedText(20_000, (i) => `SHA256: ${i.toString(16).padStart(64, '0')} sample\n`),
      },
      { path: 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages', body: packagesList },
      { path: 'var/lib/apt/lists/lock', mode: 0o640, body: text('') },
      { path: 'var/lib/dpkg/status', body: packagesList.subarray(0, 12_000) },
    ],
  },
  { createdBy: nop('WORKDIR /app') },
  {
    createdBy: nop('COPY dir:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0 in /app '),
    files: [
      { path: 'app/.env', mode: 0o644, body: text('# sample only\nAPI_TOKEN=sample-not-a-real-secret\n') },
      { path: 'app/bin/server', mode: 0o755, body: pseudoRandom('server', 400_000) },
      { path: 'app/config.yml', body: text('listen: 0.0.0.0:8080\nlog_level: info\n') },
      { path: 'app/data/model.bin', body: pseudoRandom('model-v1', 1_500_000) },
      { path: 'app/deploy/id_rsa', mode: 0o600, body: text(FAKE_KEY) },
      { path: 'app/static/app.js', body: text('console.log("stowage sample");\n') },
      { path: 'app/static/index.html', body: text('<!doctype html><title>sample</title>\n') },
      { path: 'app/tmp/build.log', body: repeatedText(30_000, (i) => `build step ${i}: ok\n`) },
      { path: 'app/tmp/cache/main.o', body: pseudoRandom('main.o', 50_000) },
    ],
  },
  {
    createdBy: '/bin/sh -c chmod 600 /app/config.yml',
    files: [{ path: 'app/config.yml', mode: 0o600, body: text('listen: 0.0.0.0:8080\nlog_level: info\n') }],
  },
  {
    createdBy:
      '/bin/sh -c rm -f /app/.env && rm -rf /app/tmp /var/lib/apt/lists && mkdir -p /var/lib/apt/lists/partial',
    files: [
      { path: 'app/.wh..env', body: text('') },
      { path: 'app/.wh.tmp', body: text('') },
      { path: 'var/lib/apt/lists', type: 'dir' },
      { path: 'var/lib/apt/lists/.wh..wh..opq', body: text('') },
      { path: 'var/lib/apt/lists/partial', type: 'dir', mode: 0o700 },
    ],
  },
  {
    createdBy: nop('COPY file:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b in /app/data/model.bin '),
    files: [{ path: 'app/data/model.bin', body: pseudoRandom('model-v2', 1_500_000) }],
  },
  { createdBy: nop('LABEL org.opencontainers.image.title=stowage-sample') },
  { createdBy: nop('EXPOSE 8080/tcp') },
  { createdBy: nop('USER app') },
  { createdBy: nop('CMD ["/app/bin/server"]') },
];

/** SAMPLE_CONFIG is the runtime config the steps above leave behind. */
export const SAMPLE_CONFIG = {
  User: 'app',
  ExposedPorts: { '8080/tcp': {} },
  Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'APP_ENV=production'],
  Cmd: ['/app/bin/server'],
  WorkingDir: '/app',
  Labels: { 'org.opencontainers.image.title': 'stowage-sample' },
};
