/**
 * Unit tests for each risk check on hand-built layer stacks: what it catches, what it must not
 * (deleted or fixed in a later layer, sticky directories, symlinks, look-alike names), and the
 * layer and sizes it reports.
 */
import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../../model/layer-entry.js';
import type { RuntimeConfig, ImageConfig } from '../../model/config.js';
import { dir, file, hardlink, stackEntries, symlink, whiteout } from '../../../test/filetree/entries.js';
import { cacheCheck } from './caches.js';
import { healthcheckCheck } from './healthcheck.js';
import { RISK_CHECKS, RISK_RULES, runRiskChecks } from './index.js';
import { leftoverCheck } from './leftovers.js';
import type { RiskCheck, RiskHit } from './risk-check.js';
import { countSpecialBits, isUsualSpecial, setuidCheck } from './setuid.js';
import { sudoCheck } from './sudo.js';
import { isRootUser, userRootCheck } from './user-root.js';
import { worldWritableCheck } from './world-writable.js';

function imageConfig(config: RuntimeConfig = {}): ImageConfig {
  return {
    architecture: 'amd64',
    os: 'linux',
    config,
    rootfs: { type: 'layers', diff_ids: [] },
    history: [],
    raw: {},
  };
}

/** run stacks the layers and runs one check with a non-root, healthchecked config. */
async function run(check: RiskCheck, ...layers: LayerEntry[][]): Promise<RiskHit[]> {
  const { tree } = await stackEntries(...layers);
  return check.run({ tree, config: imageConfig({ User: 'app' }) });
}

const summary = (hits: RiskHit[]) => hits.map((h) => [h.rule.id, h.path, h.layer, h.size]);

describe('setuid / setgid', () => {
  const layers = (): LayerEntry[][] => [
    [
      dir('usr'),
      dir('usr/bin'),
      file('usr/bin/passwd', 'pw', { mode: 0o4755 }),
      file('usr/bin/chage', 'ch', { mode: 0o2755 }),
      file('usr/bin/ls', 'ls', { mode: 0o755 }),
      dir('usr/lib'),
      dir('usr/lib/openssh'),
      file('usr/lib/openssh/ssh-keysign', 'k', { mode: 0o4755 }),
      dir('var'),
      dir('var/mail', { mode: 0o2775 }),
    ],
    [
      file('usr/bin/helper', 'helper', { mode: 0o6755 }),
      dir('opt'),
      file('opt/passwd', 'x', { mode: 0o4755 }),
      file('opt/gone', 'g', { mode: 0o4755 }),
      file('opt/fixed', 'f', { mode: 0o4755 }),
      hardlink('opt/su-link', 'usr/bin/passwd', { mode: 0o4755 }),
      symlink('usr/bin/su', 'passwd'),
    ],
    [whiteout('opt/gone'), file('opt/fixed', 'f', { mode: 0o755 })],
  ];

  it('reports unusual files as warnings and the distribution’s as info, with their layer', async () => {
    const hits = await run(setuidCheck, ...layers());
    expect(summary(hits)).toEqual([
      ['setuid-file', 'opt/passwd', 1, 1],
      ['setuid-file', 'opt/su-link', 1, 2],
      ['setuid-distro', 'usr/bin/chage', 0, 2],
      ['setuid-file', 'usr/bin/helper', 1, 6],
      ['setuid-distro', 'usr/bin/passwd', 0, 2],
      ['setuid-distro', 'usr/lib/openssh/ssh-keysign', 0, 1],
    ]);
    expect(hits.find((h) => h.path === 'usr/bin/helper')?.message).toMatch(/setuid and setgid \(mode 6755/);
    expect(hits.find((h) => h.path === 'usr/bin/chage')?.message).toMatch(/is setgid \(mode 2755/);
  });

  it('counts every visible path with the bit, directories included, like find -perm', async () => {
    const { tree } = await stackEntries(...layers());
    // setuid: passwd, ssh-keysign, helper, opt/passwd, su-link; setgid: chage, var/mail, helper
    expect(countSpecialBits(tree)).toEqual({ setuid: 5, setgid: 3 });
  });

  it('knows the distribution’s usual helpers only in system directories', () => {
    for (const p of [
      'bin/su',
      'usr/bin/newgrp',
      'usr/sbin/unix_chkpwd',
      'usr/lib/dbus-1.0/dbus-daemon-launch-helper',
      'usr/libexec/polkit-agent-helper-1',
      'usr/local/bin/ping',
    ])
      expect(isUsualSpecial(p), p).toBe(true);
    for (const p of ['home/u/su', 'opt/bin/passwd', 'usr/bin/sudo', 'usr/bin/su.bak', 'tmp/mount'])
      expect(isUsualSpecial(p), p).toBe(false);
  });
});

describe('world-writable', () => {
  it('catches writable files and open directories, not sticky ones, links or devices', async () => {
    const hits = await run(
      worldWritableCheck,
      [
        dir('tmp', { mode: 0o1777 }),
        dir('srv', { mode: 0o777 }),
        file('srv/open', 'o', { mode: 0o666 }),
        file('srv/group', 'g', { mode: 0o664 }),
        file('srv/later', 'l', { mode: 0o644 }),
        symlink('srv/link', 'open'),
        { ...file('dev/null', ''), type: 'char', size: 0, mode: 0o666 },
        dir('var'),
        dir('var/tmp', { mode: 0o1777 }),
      ],
      [file('srv/later', 'l', { mode: 0o646 }), file('srv/open', 'o', { mode: 0o644 })],
    );
    expect(summary(hits)).toEqual([
      ['world-writable', 'srv', 0, null],
      ['world-writable', 'srv/later', 1, null],
    ]);
    expect(hits[0]?.message).toMatch(
      /directory \/srv is world-writable without the sticky bit \(mode 0777\)/,
    );
    expect(hits[1]?.message).toMatch(/\/srv\/later is world-writable \(mode 0646\)/);
  });
});

describe('user', () => {
  it('treats unset, empty, root and uid 0 as root, whatever the group', () => {
    for (const u of [undefined, '', ' ', 'root', '0', '0:0', 'root:staff', '0:1000'])
      expect(isRootUser(u), String(u)).toBe(true);
    for (const u of ['app', '1000', '1000:0', 'app:root', 'rootless', '10'])
      expect(isRootUser(u), u).toBe(false);
  });

  it('reports one image-level finding saying why', async () => {
    const { tree } = await stackEntries([file('a', 'a')]);
    const hit = (c: RuntimeConfig) => userRootCheck.run({ tree, config: imageConfig(c) });
    expect(hit({}).map((h) => [h.rule.id, h.message, h.path, h.layer])).toEqual([
      ['user-root', 'no USER is set, so the container runs as root', null, null],
    ]);
    expect(hit({ User: '0:0' }).map((h) => h.message)).toEqual(['USER is 0:0']);
    expect(hit({ User: 'nobody' })).toEqual([]);
  });
});

describe('healthcheck', () => {
  it('notes a missing or disabled HEALTHCHECK at info, and accepts a real one', async () => {
    const { tree } = await stackEntries([file('a', 'a')]);
    const hit = (c: RuntimeConfig) => healthcheckCheck.run({ tree, config: imageConfig(c) });
    expect(hit({}).map((h) => [h.rule.id, h.rule.severity, h.message])).toEqual([
      ['no-healthcheck', 'info', 'no HEALTHCHECK is defined'],
    ]);
    expect(hit({ Healthcheck: { Test: ['NONE'] } }).map((h) => h.message)).toEqual([
      'HEALTHCHECK is disabled (NONE)',
    ]);
    expect(hit({ Healthcheck: { Test: [] } })).toHaveLength(1);
    expect(hit({ Healthcheck: { Test: ['CMD-SHELL', 'wget -q localhost'] } })).toEqual([]);
    expect(hit({ Healthcheck: { Test: ['CMD', '/healthz'] } })).toEqual([]);
  });
});

describe('leftovers', () => {
  it('reports the top-most .git/.ssh/.aws/.cache/.DS_Store with files, bytes and severity', async () => {
    const hits = await run(
      leftoverCheck,
      [
        dir('app'),
        dir('app/.git'),
        file('app/.git/config', '[core]\n'),
        dir('app/.git/objects'),
        file('app/.git/objects/ab', 'x'.repeat(100)),
        file('app/.gitignore', 'node_modules\n'),
        dir('app/.github'),
        file('app/.github/ci.yml', 'on: push\n'),
        file('app/.DS_Store', 'ds'),
        dir('root'),
        dir('root/.ssh'),
        file('root/.ssh/known_hosts', 'kh'),
      ],
      [
        dir('root/.cache'),
        dir('root/.cache/tool'),
        dir('root/.cache/tool/.git'),
        file('root/.cache/tool/.git/HEAD', 'ref'),
        dir('home'),
        dir('home/u'),
        dir('home/u/.aws'),
        file('home/u/.aws/credentials', 'creds'),
        dir('srv'),
        dir('srv/.git'),
        file('srv/.git/HEAD', 'ref'),
      ],
      [whiteout('srv/.git')],
    );
    expect(hits.map((h) => [h.path, h.severity, h.layer, h.size])).toEqual([
      ['app/.DS_Store', 'info', 0, 2],
      ['app/.git', 'warning', 0, 107],
      ['home/u/.aws', 'warning', 1, 5],
      ['root/.cache', 'info', 1, 3],
      ['root/.ssh', 'warning', 0, 2],
    ]);
    expect(hits.find((h) => h.path === 'app/.git')?.message).toBe(
      '/app/.git is in the final filesystem (2 files)',
    );
  });
});

describe('package caches', () => {
  it('reports caches holding bytes, with their sizes, and not emptied or removed ones', async () => {
    const hits = await run(
      cacheCheck,
      [
        dir('var'),
        dir('var/lib'),
        dir('var/lib/apt'),
        dir('var/lib/apt/lists'),
        dir('var/lib/apt/lists/partial'),
        file('var/lib/apt/lists/lock', ''),
        dir('var/cache'),
        dir('var/cache/apt'),
        dir('var/cache/apt/archives'),
        file('var/cache/apt/archives/curl.deb', 'd'.repeat(300)),
        file('var/cache/apt/pkgcache.bin', 'p'.repeat(50)),
      ],
      [
        file('var/lib/apt/lists/deb_Packages', 'P'.repeat(1000)),
        dir('root'),
        dir('root/.cache'),
        dir('root/.cache/pip'),
        file('root/.cache/pip/wheel', 'w'.repeat(70)),
        dir('root/.npm'),
        dir('root/.npm/_cacache'),
        file('root/.npm/_cacache/index', 'n'.repeat(20)),
        dir('usr'),
        dir('usr/local'),
        dir('usr/local/share'),
        dir('usr/local/share/.cache'),
        dir('usr/local/share/.cache/yarn'),
        file('usr/local/share/.cache/yarn/pkg', 'y'.repeat(9)),
        dir('srv'),
        dir('srv/.cache'),
        dir('srv/.cache/pip'),
      ],
      [whiteout('var/lib/apt/lists/deb_Packages'), dir('tmp'), dir('tmp/.npm')],
    );
    expect(hits.map((h) => [h.path, h.layer, h.size, h.message])).toEqual([
      ['var/cache/apt', 0, 350, 'apt cache left in /var/cache/apt (2 files)'],
      ['root/.cache/pip', 1, 70, 'pip cache left in /root/.cache/pip (1 file)'],
      ['root/.npm', 1, 20, 'npm cache left in /root/.npm (1 file)'],
      ['usr/local/share/.cache/yarn', 1, 9, 'yarn cache left in /usr/local/share/.cache/yarn (1 file)'],
    ]);
    expect(new Set(hits.map((h) => h.rule.id))).toEqual(new Set(['package-cache']));
    expect(hits[0]?.rule.fix).toMatch(/apt-get clean/);
  });

  it('reports apt lists that are still there', async () => {
    const hits = await run(cacheCheck, [
      dir('var/lib/apt/lists'),
      file('var/lib/apt/lists/deb_Packages', 'P'.repeat(1000)),
      file('var/lib/apt/lists/deb_Release', 'R'.repeat(24)),
    ]);
    expect(hits.map((h) => [h.path, h.size])).toEqual([['var/lib/apt/lists', 1024]]);
    expect(hits[0]?.rule.fix).toMatch(/rm -rf \/var\/lib\/apt\/lists/);
  });
});

describe('sudo', () => {
  it('finds the sudo binary where it is installed, and not when removed or a look-alike', async () => {
    expect(
      summary(await run(sudoCheck, [dir('usr/bin'), file('usr/bin/sudo', 'sudo', { mode: 0o4755 })])),
    ).toEqual([['sudo-installed', 'usr/bin/sudo', 0, 4]]);
    expect(summary(await run(sudoCheck, [file('usr/local/bin/sudo', 'ss')]))).toEqual([
      ['sudo-installed', 'usr/local/bin/sudo', 0, 2],
    ]);
    expect(
      await run(sudoCheck, [
        file('usr/bin/sudoedit', 'e'),
        dir('etc/sudo'),
        dir('usr/bin/sudo.d'),
        file('usr/share/doc/sudo/README', 'r'),
      ]),
    ).toEqual([]);
    expect(await run(sudoCheck, [file('usr/bin/sudo', 'sudo')], [whiteout('usr/bin/sudo')])).toEqual([]);
  });
});

describe('runRiskChecks', () => {
  it('runs every check, and every rule it reports is in the catalogue', async () => {
    const { tree } = await stackEntries([
      file('usr/bin/sudo', 'sudo', { mode: 0o4755 }),
      dir('app/.git'),
      file('app/.git/HEAD', 'ref'),
      file('w', 'w', { mode: 0o666 }),
      file('var/cache/apt/x.deb', 'deb'),
    ]);
    const hits = runRiskChecks({ tree, config: imageConfig() });
    const ids = [...new Set(hits.map((h) => h.rule.id))].sort();
    expect(ids).toEqual([
      'no-healthcheck',
      'package-cache',
      'sensitive-leftover',
      'setuid-file',
      'sudo-installed',
      'user-root',
      'world-writable',
    ]);
    const catalogue = new Set(RISK_RULES.map((r) => r.id));
    for (const id of ids) expect(catalogue.has(id), id).toBe(true);
    expect(RISK_CHECKS.flatMap((c) => c.rules)).toEqual(RISK_RULES);
  });
});
