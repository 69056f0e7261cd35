/** Tests for the lint engine: pragmas, ignored ids, severity overrides, failure threshold, config validation. */
import { describe, expect, it } from 'vitest';
import { StowageError } from '../../model/errors.js';
import { parseLintConfigYaml, validateLintConfig } from './config.js';
import { lintDockerfile } from './engine.js';

const TEXT = 'FROM debian\nRUN sudo ls\n';

describe('lintDockerfile', () => {
  it('reports findings with position, severity and file', async () => {
    const r = await lintDockerfile(TEXT, { file: 'x/Dockerfile' });
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['DL3006', 'warning', 1],
      ['DL3004', 'error', 2],
    ]);
    expect(r.findings[0]!.file).toBe('x/Dockerfile');
    expect(r.failed).toBe(true);
  });

  it('honours ignore pragmas for the next instruction only', async () => {
    const text =
      '# hadolint ignore=DL3006\n# another comment\nFROM debian\n# stowage ignore=DL3004,DL3003\nRUN sudo ls\nRUN sudo cd\n';
    const ids = (await lintDockerfile(text)).findings.map((f) => `${f.ruleId}@${f.line}`);
    expect(ids).not.toContain('DL3006@3');
    expect(ids).not.toContain('DL3004@5');
    expect(ids).toContain('DL3004@6');
  });

  it('honours global pragmas anywhere', async () => {
    const text = 'FROM debian\n# hadolint global ignore=DL3004\nRUN sudo ls\n';
    expect((await lintDockerfile(text)).findings.map((f) => f.ruleId)).toEqual(['DL3006']);
  });

  it('applies ignored, override and failureThreshold', async () => {
    const r = await lintDockerfile(TEXT, {
      config: { ignored: ['DL3004'], override: { style: ['DL3006'] }, failureThreshold: 'warning' },
    });
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['DL3006', 'style']]);
    expect(r.failed).toBe(false);
    expect((await lintDockerfile(TEXT, { config: { failureThreshold: 'none' } })).failed).toBe(false);
  });
});

describe('lint config validation', () => {
  it('accepts a full config from YAML', () => {
    const c = parseLintConfigYaml(
      'ignored: [DL3008]\noverride:\n  error: [DL3015]\ntrustedRegistries: [docker.io]\nfailureThreshold: error\n',
    );
    expect(c).toEqual({
      ignored: ['DL3008'],
      override: { error: ['DL3015'] },
      trustedRegistries: ['docker.io'],
      failureThreshold: 'error',
    });
  });

  it.each([
    [{ ignore: [] }, /unknown key "ignore"/],
    [{ ignored: 'DL3008' }, /"ignored" must be a list/],
    [{ override: { fatal: ['x'] } }, /unknown severity "fatal"/],
    [{ failureThreshold: 'high' }, /failureThreshold "high"/],
    [[1], /must be a mapping/],
  ])('rejects %j', (value, msg) => {
    expect(() => validateLintConfig(value, 'stowage.yaml lint')).toThrow(msg);
    try {
      validateLintConfig(value);
    } catch (e) {
      expect(e).toBeInstanceOf(StowageError);
      expect((e as StowageError).code).toBe('USAGE');
    }
  });

  it('rejects bad YAML', () => {
    expect(() => parseLintConfigYaml('ignored: [')).toThrow(/not valid YAML/);
  });
});
