import { describe, expect, it } from 'vitest';
import { baseHint, matchBaseLayers } from './base-layers.js';
import { parseByteSize } from './byte-size.js';
import { validateCheckConfig } from './check-config.js';
import { DIVE_DEFAULTS, parseDiveCi } from './dive-ci.js';
import type { ImageConfig } from '../../model/config.js';
import type { Manifest } from '../../model/manifest.js';

describe('parseByteSize', () => {
  it('reads sizes the way go-humanize ParseBytes does', () => {
    expect(parseByteSize('20MB')).toBe(20_000_000);
    expect(parseByteSize('20 mb')).toBe(20_000_000);
    expect(parseByteSize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('512k')).toBe(512_000);
    expect(parseByteSize('2Mi')).toBe(2 * 1024 ** 2);
    expect(parseByteSize('1,000')).toBe(1000);
    expect(parseByteSize(42)).toBe(42);
    for (const bad of ['', 'MB', '-1MB', '20XB', 'lots']) expect(parseByteSize(bad)).toBeUndefined();
  });
});

describe('validateCheckConfig', () => {
  it('accepts every setting in its documented forms', () => {
    expect(
      validateCheckConfig({
        minEfficiency: '95%',
        efficiencyMetric: 'dive',
        maxReclaimableBytes: '10MB',
        maxReclaimablePercent: 5,
        maxImageSize: 'disabled',
        maxLayers: 30,
        ignore: ['var/cache/**'],
        base: 'oci:base',
        dive: { lowestEfficiency: 0.9 },
      }),
    ).toEqual({
      minEfficiency: 0.95,
      efficiencyMetric: 'dive',
      maxReclaimableBytes: 10_000_000,
      maxReclaimablePercent: 5,
      maxImageSize: 'disabled',
      maxLayers: 30,
      ignore: ['var/cache/**'],
      base: 'oci:base',
      dive: { lowestEfficiency: 0.9 },
    });
  });
  it('names the key of a bad value', () => {
    expect(() => validateCheckConfig({ maxLayers: -1 })).toThrow(/maxLayers/);
    expect(() => validateCheckConfig({ ignore: 'x' })).toThrow(/ignore/);
    expect(() => validateCheckConfig({ dive: { lowestEfficency: 1 } })).toThrow(/lowestEfficency/);
  });
});

describe('parseDiveCi', () => {
  it('fills left-out rules with dive’s defaults and keeps disabled', () => {
    expect(parseDiveCi('rules:\n  lowestEfficiency: disabled\n')).toEqual({
      ...DIVE_DEFAULTS,
      lowestEfficiency: 'disabled',
    });
    expect(parseDiveCi('')).toEqual(DIVE_DEFAULTS);
    expect(() => parseDiveCi('rules:\n  highestUserWastedPercent: 1.2\n')).toThrow(
      /highestUserWastedPercent/,
    );
  });
});

describe('base image', () => {
  const ids = (...n: string[]) => n.map((x) => ({ digest: `sha256:d${x}`, diffId: `sha256:i${x}` }));
  it('matches leading layers by diff_id or digest', () => {
    expect(matchBaseLayers(ids('a', 'b', 'c'), ids('a', 'b'))).toEqual({ count: 2, complete: true });
    expect(matchBaseLayers(ids('a', 'x', 'c'), ids('a', 'b'))).toEqual({ count: 1, complete: false });
    expect(matchBaseLayers([{ digest: 'sha256:dz', diffId: 'sha256:ia' }], ids('a'))).toEqual({
      count: 1,
      complete: true,
    });
  });
  it('finds the base named by annotations first, then labels', () => {
    const manifest = {
      annotations: {
        'org.opencontainers.image.base.name': 'docker.io/library/debian:12',
        'org.opencontainers.image.base.digest': 'sha256:abc',
      },
    } as unknown as Manifest;
    const config = {
      config: { Labels: { 'org.opencontainers.image.base.name': 'alpine:3' } },
    } as unknown as ImageConfig;
    expect(baseHint(manifest, config)).toEqual({
      reference: 'docker.io/library/debian@sha256:abc',
      source: 'annotation',
    });
    expect(baseHint({} as Manifest, config)).toEqual({ reference: 'alpine:3', source: 'label' });
  });
});
