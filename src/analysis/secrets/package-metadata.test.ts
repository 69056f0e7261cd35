/**
 * Unit tests for the package-metadata exclusion: generic rules (generic-api-key, url-credentials)
 * skip files package managers own, while key-format rules (private keys, AWS, GitHub tokens) still
 * read them; the same text elsewhere is reported by both.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ContentScanner } from './content-scanner.js';
import { contentRules, matchText } from './match-text.js';
import { isPackageMetadata, PACKAGE_METADATA_DIRS } from './package-metadata.js';
import { SECRET_RULES } from './rules/index.js';

const alnum = (n: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(n)].map((b) => chars[b % chars.length]).join('');
};
const upper = (n: number) =>
  [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');

/** a Packages-file stanza whose fields look like assignments to key names, plus planted secrets */
function text(): { body: string; generic: string[]; specific: string[] } {
  const apiKey = alnum(32);
  const urlPass = alnum(16);
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${alnum(64)}\n${alnum(64)}\n-----END RSA PRIVATE KEY-----`;
  const aws = `AKIA${upper(16)}`;
  const ghp = `ghp_${alnum(36)}`;
  const body = [
    'Package: example-keyring',
    `Api-Key: ${apiKey}`,
    `Homepage: https://mirror:${urlPass}@example.org/pool`,
    pem,
    `aws_access_key_id = ${aws}`,
    `token ${ghp}`,
    '',
  ].join('\n');
  return {
    body,
    generic: ['generic-api-key', 'url-credentials'],
    specific: ['private-key', 'aws-access-key', 'github-token'],
  };
}

function ruleIds(body: string, path: string): string[] {
  const scanner = new ContentScanner(contentRules(SECRET_RULES, path));
  scanner.push(Buffer.from(body, 'latin1'));
  return scanner
    .finish()
    .matches.map((m) => m.rule.id)
    .sort();
}

describe('package metadata', () => {
  const METADATA = [
    'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages',
    'var/lib/dpkg/status',
    'var/lib/dpkg/info/base-files.md5sums',
    'usr/share/doc/apt/examples/configure-index',
    'usr/share/common-licenses/GPL-3',
    'var/lib/rpm/rpmdb.sqlite',
    'usr/lib/sysimage/rpm/Packages',
    'lib/apk/db/installed',
    'var/lib/pacman/local/x/desc',
  ];
  const ELSEWHERE = [
    'app/config.yaml',
    'etc/apt/auth.conf.d/private.conf',
    'var/lib/aptly/x',
    'usr/share/docs/readme',
    'root/var/lib/dpkg/status',
    'var/lib/dpkg',
  ];

  it('knows which paths package managers own', () => {
    for (const p of METADATA) expect(isPackageMetadata(p), p).toBe(true);
    for (const p of ELSEWHERE) expect(isPackageMetadata(p), p).toBe(false);
    for (const d of PACKAGE_METADATA_DIRS) expect(d).not.toMatch(/^\/|\/$/);
  });

  it('skips only the generic rules there; key-format rules still fire', () => {
    const { body, generic, specific } = text();
    for (const p of METADATA) expect(ruleIds(body, p), p).toEqual([...specific].sort());
    for (const p of ELSEWHERE) expect(ruleIds(body, p), p).toEqual([...generic, ...specific].sort());
  });

  it('leaves config values and history lines (no path) to every rule', () => {
    const apiKey = alnum(32);
    expect(matchText(`api_key = "${apiKey}"`, contentRules(SECRET_RULES)).map((m) => m.rule.id)).toEqual([
      'generic-api-key',
    ]);
  });

  it('marks exactly the shape-matching rules generic', () => {
    expect(
      SECRET_RULES.filter((r) => r.generic === true)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['generic-api-key', 'url-credentials']);
  });
});
