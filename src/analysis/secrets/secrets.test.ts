/**
 * Unit tests for the secret scanner: rule matches on planted values, redaction, fingerprints,
 * chunk-boundary handling, binary skipping and the per-file cap.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContentScanner } from './content-scanner.js';
import { fingerprint } from './fingerprint.js';
import { contentRules, matchText } from './match-text.js';
import { redact } from './redact.js';
import { SECRET_RULES } from './rules/index.js';

const alnum = (n: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(n)].map((b) => chars[b % chars.length]).join('');
};
const ghp = () => `ghp_${alnum(36)}`;

function ids(text: string, path?: string): string[] {
  return matchText(text, contentRules(SECRET_RULES, path)).map((m) => m.rule.id);
}

describe('rules', () => {
  it('find planted secrets of each kind', () => {
    const pem = `-----BEGIN OPENSSH PRIVATE KEY-----\n${alnum(70)}\n${alnum(70)}\n-----END OPENSSH PRIVATE KEY-----\n`;
    expect(ids(pem)).toEqual(['private-key']);
    expect(ids(`token: ${ghp()}\n`)).toEqual(['github-token']);
    expect(ids(`//registry.npmjs.org/:_authToken=${alnum(30)}\n`, '.npmrc')).toEqual(['npmrc-auth']);
    expect(
      ids(`key = AKIA${'ABCDEFGHIJKLMNOP'.split('').reverse().join('').replace(/[018]/g, 'Q')}\n`),
    ).toEqual(['aws-access-key']);
    expect(ids('AKIAIOSFODNN7EXAMPLE')).toEqual([]);
    expect(ids(`url = https://bob:${alnum(16)}@github.com/org/repo.git\n`)).toEqual(['url-credentials']);
    expect(ids('url = https://bob:${TOKEN}@github.com/x\n')).toEqual([]);
    expect(ids(`machine h login u password ${alnum(12)}\n`, 'root/.netrc')).toEqual(['netrc-password']);
    expect(ids(`db:5432:*:app:${alnum(14)}\n`, 'root/.pgpass')).toEqual(['pgpass-password']);
    expect(
      ids(
        `{"auths":{"r.io":{"auth":"${Buffer.from(`u:${alnum(10)}`).toString('base64')}"}}}`,
        'root/.docker/config.json',
      ),
    ).toEqual(['docker-config-auth']);
  });

  it('prefer the specific rule over the generic one on the same value', () => {
    expect(ids(`API_TOKEN=${ghp()}\n`)).toEqual(['github-token']);
    expect(ids(`api_secret = "${alnum(32)}"\n`)).toEqual(['generic-api-key']);
    expect(ids('api_key = "hello_world_words"\n')).toEqual([]);
  });
});

describe('redact and fingerprint', () => {
  it('never show more than a short prefix', () => {
    const s = ghp();
    expect(redact(s)).toBe(`ghp_…(40 chars)`);
    expect(redact('hunter2')).toBe('…(7 chars)');
    expect(redact(s)).not.toContain(s.slice(4, 8));
  });
  it('is stable and depends on every part', () => {
    expect(fingerprint('r', 'p', 's')).toBe(fingerprint('r', 'p', 's'));
    expect(fingerprint('r', 'p', 's')).not.toBe(fingerprint('r', 'p2', 's'));
    expect(fingerprint('r', 'p', 's')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('ContentScanner', () => {
  const rules = contentRules(SECRET_RULES, 'app/config.txt');

  it('finds a secret split across chunks and windows exactly once, with its line', () => {
    const secret = ghp();
    const filler = `${'x'.repeat(99)}\n`.repeat(3000); // 300 kB: crosses the 256 KiB window
    const text = `${filler}token ${secret}\n${filler}`;
    for (const size of [1, 7, 4096, 65536]) {
      const scanner = new ContentScanner(rules, { window: 64 * 1024, overlap: 1024 });
      const buf = Buffer.from(text, 'latin1');
      for (let i = 0; i < buf.length; i += size) scanner.push(buf.subarray(i, i + size));
      const { matches, outcome } = scanner.finish();
      expect(outcome).toBe('scanned');
      expect(matches.map((m) => [m.secret, m.line])).toEqual([[secret, 3001]]);
    }
  });

  it('skips binaries and stops at the cap', () => {
    const bin = new ContentScanner(rules);
    bin.push(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.from(`x ${ghp()}\n`)]));
    expect(bin.finish()).toEqual({ matches: [], outcome: 'binary' });
    const nul = new ContentScanner(rules);
    nul.push(Buffer.from(`a\0b ${ghp()}\n`));
    expect(nul.finish().outcome).toBe('binary');
    const capped = new ContentScanner(rules, { maxBytes: 1000 });
    expect(capped.push(Buffer.from('y'.repeat(2000)))).toBe(false);
    capped.push(Buffer.from(` ${ghp()}\n`));
    expect(capped.finish()).toEqual({ matches: [], outcome: 'truncated' });
  });
});
