/**
 * Unit tests for reading build args out of the history. The `created_by` strings are the ones
 * buildah 1.28.2 and docker 20.10 (classic builder) wrote for one Dockerfile built with
 * `--build-arg 'A_SECRET=two  words x=y' --build-arg MID=m`:
 *
 *   ARG ZED=last one / ARG A_SECRET / ARG MID / RUN echo "$A_SECRET" / RUN ["echo", "exec form"] /
 *   SHELL ["/bin/sh", "-e", "-c"] / RUN echo shelled
 *
 * and BuildKit's shape from dockerfile2llb (`RUN |N …` in declaration order, `# buildkit` suffix).
 * The buildah integration test (test/audit) checks the same on a live build.
 */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, ImageConfig } from '../../model/config.js';
import { declaredArgNames, parseBuildArgs } from './build-args.js';
import { SECRET_RULES } from './rules/index.js';
import { scanConfig } from './scan-config.js';

const BUILDAH: HistoryEntry[] = [
  { created_by: '/bin/sh' },
  { created_by: '/bin/sh -c #(nop) ARG ZED', empty_layer: true },
  { created_by: '/bin/sh -c #(nop) ARG A_SECRET ZED', empty_layer: true },
  { created_by: '/bin/sh -c #(nop) ARG A_SECRET MID ZED', empty_layer: true },
  { created_by: '|6 A_SECRET=two  words x=y MID=m ZED=last /bin/sh -c echo "$A_SECRET"' },
  { created_by: '|6 A_SECRET=two  words x=y MID=m ZED=last /bin/sh -c ["echo", "exec form"]' },
  { created_by: '/bin/sh -c #(nop) SHELL ["/bin/sh", "-e", "-c"]', empty_layer: true },
  { created_by: '|6 A_SECRET=two  words x=y MID=m ZED=last /bin/sh -c echo shelled' },
];

const DOCKER: HistoryEntry[] = [
  { created_by: '/bin/sh' },
  { created_by: '/bin/sh -c #(nop)  ARG ZED=last one', empty_layer: true },
  { created_by: '/bin/sh -c #(nop)  ARG A_SECRET', empty_layer: true },
  { created_by: '/bin/sh -c #(nop)  ARG MID', empty_layer: true },
  { created_by: '|3 A_SECRET=two  words x=y MID=m ZED=last /bin/sh -c echo "$A_SECRET"' },
  { created_by: '|3 A_SECRET=two  words x=y MID=m ZED=last echo exec form' },
  { created_by: '/bin/sh -e -c #(nop)  SHELL [/bin/sh -e -c]', empty_layer: true },
  { created_by: '|3 A_SECRET=two  words x=y MID=m ZED=last /bin/sh -e -c echo shelled' },
];

const BUILDKIT: HistoryEntry[] = [
  { created_by: 'ARG ZED=last one', empty_layer: true },
  { created_by: 'ARG A_SECRET', empty_layer: true },
  { created_by: 'ARG MID', empty_layer: true },
  { created_by: 'RUN |3 ZED=last A_SECRET=two  words x=y MID=m /bin/sh -c echo "$A_SECRET" # buildkit' },
  { created_by: 'RUN |3 ZED=last A_SECRET=two  words x=y MID=m echo exec form # buildkit' },
  { created_by: 'RUN |3 ZED=last A_SECRET=two  words x=y MID=m /bin/sh -e -c echo shelled # buildkit' },
];

const EXPECTED = [
  { name: 'A_SECRET', value: 'two  words x=y' },
  { name: 'MID', value: 'm' },
  { name: 'ZED', value: 'last' },
];

const runs = (history: HistoryEntry[]) =>
  history.map((h) => h.created_by as string).filter((c) => /^(?:RUN )?\|/.test(c));
const byName = (args: { name: string; value: string }[]) =>
  [...args].sort((a, b) => a.name.localeCompare(b.name));

describe('declaredArgNames', () => {
  it('reads the names each builder records for ARG', () => {
    expect([...declaredArgNames(BUILDAH)].sort()).toEqual(['A_SECRET', 'MID', 'ZED']);
    // `ARG ZED=last one` declares ZED and `one`, as the Dockerfile parser reads it
    expect([...declaredArgNames(DOCKER)].sort()).toEqual(['A_SECRET', 'MID', 'ZED', 'one']);
    expect([...declaredArgNames(BUILDKIT)].sort()).toEqual(['A_SECRET', 'MID', 'ZED', 'one']);
    expect([...declaredArgNames([{ created_by: '/bin/sh -c echo ARG X' }, {}])]).toEqual([]);
  });
});

describe('parseBuildArgs', () => {
  it('keeps a value with spaces whole, for every builder and RUN form', () => {
    for (const history of [BUILDAH, DOCKER, BUILDKIT]) {
      const names = declaredArgNames(history);
      const all = runs(history);
      expect(all).toHaveLength(3);
      for (const createdBy of all)
        expect(byName(parseBuildArgs(createdBy, names)), createdBy).toEqual(EXPECTED);
    }
  });

  it('without declared names, splits at every NAME= word but still uses the shell and N', () => {
    const buildah = runs(BUILDAH)[0] as string;
    expect(parseBuildArgs(buildah)).toEqual([
      { name: 'A_SECRET', value: 'two  words' },
      { name: 'x', value: 'y' },
      { name: 'MID', value: 'm' },
      { name: 'ZED', value: 'last' },
    ]);
    // Docker counts assignments: N=1 keeps everything up to the shell in the one value
    expect(parseBuildArgs('|1 TOKEN=a b C=d /bin/sh -c make')).toEqual([{ name: 'TOKEN', value: 'a b C=d' }]);
  });

  it('takes the last value as one word when no shell follows (exec form)', () => {
    expect(parseBuildArgs('|2 A=x y B=z echo hi', new Set(['A', 'B']))).toEqual([
      { name: 'A', value: 'x y' },
      { name: 'B', value: 'z' },
    ]);
    expect(parseBuildArgs('RUN |1 A=b echo hi # buildkit')).toEqual([{ name: 'A', value: 'b' }]);
  });

  it('finds the shell after SHELL options such as -o pipefail', () => {
    expect(parseBuildArgs('|1 A=x y /bin/bash -o pipefail -c curl x | sh', new Set(['A']))).toEqual([
      { name: 'A', value: 'x y' },
    ]);
    expect(parseBuildArgs('|1 A=x y /usr/local/bin/zsh -c true', new Set(['A']))).toEqual([
      { name: 'A', value: 'x y' },
    ]);
  });

  it('counts the predefined proxy args as declared', () => {
    expect(parseBuildArgs('|2 A=1 HTTP_PROXY=http://p:3128 /bin/sh -c true', new Set(['A']))).toEqual([
      { name: 'A', value: '1' },
      { name: 'HTTP_PROXY', value: 'http://p:3128' },
    ]);
  });

  it('returns nothing when the history records no build args', () => {
    expect(parseBuildArgs('/bin/sh -c echo a|b')).toEqual([]);
    expect(parseBuildArgs('/bin/sh -c echo |1 A=b')).toEqual([]);
    expect(parseBuildArgs('|0 /bin/sh -c true')).toEqual([]);
    expect(parseBuildArgs('|1 /bin/sh -c A=b', new Set(['A']))).toEqual([]);
  });
});

describe('scanConfig and build args with spaces', () => {
  it('reports the whole value of a secret build arg once, on the first RUN', () => {
    const secret = 'correct horse battery staple';
    const history: HistoryEntry[] = [
      { created_by: 'COPY rootfs /' },
      { created_by: '/bin/sh -c #(nop) ARG DB_PASSWORD', empty_layer: true },
      { created_by: `|4 DB_PASSWORD=${secret} /bin/sh -c ./migrate` },
      { created_by: `|4 DB_PASSWORD=${secret} /bin/sh -c ./seed` },
    ];
    const config: ImageConfig = {
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [] },
      history,
      raw: {},
    };
    const found = scanConfig(config, 3, SECRET_RULES);
    expect(found.map((f) => [f.rule.id, f.secret, f.field, f.occurrences])).toEqual([
      ['build-arg-secret', secret, 'history[2].created_by', 2],
    ]);
  });
});
