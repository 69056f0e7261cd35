/**
 * `stowage slim` on real images built from the debootstrapped Debian base, run and verified by the
 * sandbox runner (root, strace, unshare): a dynamically linked C program (ratio ≥ 20×), a #!/bin/sh
 * script whose coreutils only the observed run finds, the failure path (a data file only a probe
 * reads: static misses it, verification names it, --include fixes it), the slim image as skopeo and
 * umoci see it (its tree equals the kept set), and bad inputs (exit 2, nothing written).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderSlimText } from '../../src/report/render/slim-text.js';
import type { SlimExplain, SlimReport } from '../../src/report/slim-report.js';
import { run as cli, type CliResult } from '../cli/cli-harness.js';
import { DEBIAN_TOOLS, getDebianBase } from '../fixtures/debian-base.js';
import { runText } from '../fixtures/run.js';
import { expectSchemaValid } from '../commands/schema-validate.js';
import { describeWithTools } from '../helpers/tools.js';
import { buildSlimImages, type SlimImages } from './slim-images.js';

const TOOLS = [...DEBIAN_TOOLS, 'gcc', 'strace', 'unshare', 'nsenter', 'ip', 'skopeo', 'umoci'];
const isRoot = process.getuid?.() === 0;

let work: string;
let images: SlimImages;

const slim = (args: string[]): Promise<CliResult> => cli(['slim', ...args, '--format', 'json']);
const report = (r: CliResult): SlimReport => JSON.parse(r.stdout) as SlimReport;
const keptPaths = (r: SlimReport) => Object.values(r.kept).flatMap((g) => g.paths.map((p) => p.path));
const kindOf = (r: SlimReport, path: string) =>
  Object.entries(r.kept).find(([, g]) => g.paths.some((p) => p.path === path))?.[0];

describeWithTools(
  `stowage slim on Debian images${isRoot ? '' : ' (needs root)'}`,
  isRoot ? TOOLS : [...TOOLS, 'a-root-user'],
  () => {
    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'stowage-slim-test-'));
      images = await buildSlimImages(await getDebianBase(), join(work, 'build'));
    }, 900_000);
    afterAll(() => rm(work, { recursive: true, force: true }));

    it('slims a dynamically linked C program ≥ 20× and verifies it; skopeo and umoci accept it, its tree is the kept set', async () => {
      const dest = join(work, 'hello-slim');
      const r = await slim([images.hello, '--to', `oci:${dest}:slim`]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const rep = report(r);
      console.info(
        `C program: ${rep.before.unpackedBytes} → ${rep.after.unpackedBytes} bytes unpacked (${rep.ratio}×), ` +
          `${rep.before.files} → ${rep.after.files} files, ${rep.before.compressedBytes} → ${rep.after.compressedBytes} stored`,
      );
      expect(rep.verification?.verified).toBe(true);
      expect(rep.ratio).toBeGreaterThanOrEqual(20);
      expect(rep.original?.app).toMatchObject({ exited: true, exitCode: 0 });
      expect(kindOf(rep, '/app/hello')).toBe('executable');
      expect(kindOf(rep, '/usr/lib/x86_64-linux-gnu/libc.so.6')).toBe('needed');
      expect(kindOf(rep, '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2')).toBe('interpreter');
      expect(kindOf(rep, '/etc/passwd')).toBe('always');
      expect(keptPaths(rep)).not.toContain('/usr/bin/perl');
      await expectSchemaValid('slim', rep);

      const inspected = JSON.parse(await runText('skopeo', ['inspect', `oci:${dest}:slim`])) as {
        Layers: string[];
      };
      expect(inspected.Layers).toHaveLength(1);
      const bundle = join(work, 'hello-bundle');
      await runText('umoci', ['unpack', '--image', `${dest}:slim`, bundle]);
      const rootfs = join(bundle, 'rootfs');
      const unpacked = (await runText('find', [rootfs, '-mindepth', '1']))
        .split('\n')
        .map((p) => p.slice(rootfs.length));
      expect(unpacked.sort()).toEqual(keptPaths(rep).sort());
    });

    it('--explain says why a path is kept (through a symlinked directory), writing nothing', async () => {
      const r = await slim([
        images.hello,
        '--mode',
        'static',
        '--explain',
        '/lib/x86_64-linux-gnu/libc.so.6',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const kept = JSON.parse(r.stdout) as SlimExplain;
      expect(kept).toMatchObject({
        path: '/usr/lib/x86_64-linux-gnu/libc.so.6',
        kept: true,
        kind: 'needed',
        inImage: true,
      });
      expect(kept.reason).toContain('DT_NEEDED libc.so.6 of /app/hello');
      await expectSchemaValid('slim-explain', kept);
    });

    it('observes an HTTP server through its probes (exposed port) and verifies status and body', async () => {
      const r = await slim([
        images.server,
        '--to',
        `oci:${join(work, 'server-slim')}:slim`,
        '--http-probe',
        '/',
        '--http-probe',
        '8080:/data',
      ]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const rep = report(r);
      expect(rep.verification?.verified).toBe(true);
      expect(rep.original?.app.exited).toBe(false);
      expect(rep.original?.probes.map((p) => [p.probe, p.status, p.bodyBytes])).toEqual([
        ['--http-probe 8080:/', 200, 16],
        ['--http-probe 8080:/data', 200, 24],
      ]);
      expect(rep.verification?.slim.probes.map((p) => p.bodySha256)).toEqual(
        rep.original?.probes.map((p) => p.bodySha256),
      );
      expect(kindOf(rep, '/app/data.txt')).toBe('observed');
      console.info(
        `HTTP server: ${rep.before.unpackedBytes} → ${rep.after.unpackedBytes} bytes unpacked (${rep.ratio}×)`,
      );
    });

    it('keeps the coreutils a #!/bin/sh script calls (observed) and verifies it', async () => {
      const r = await slim([images.script, '--to', `oci:${join(work, 'script-slim')}:slim`]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const rep = report(r);
      expect(rep.verification?.verified).toBe(true);
      expect(rep.original?.app.stdout).toContain('distinct words: 3');
      expect(kindOf(rep, '/usr/bin/dash')).toBe('shebang');
      for (const tool of ['tr', 'sort', 'uniq', 'wc', 'head', 'sed', 'basename'])
        expect(kindOf(rep, `/usr/bin/${tool}`), tool).toBe('observed');
      console.info(
        `sh script: ${rep.before.unpackedBytes} → ${rep.after.unpackedBytes} bytes unpacked (${rep.ratio}×)`,
      );
    });

    it('fails verification when static mode misses a data file a probe reads, naming it; --include fixes it', async () => {
      const dest = join(work, 'greet-slim');
      const args = [
        images.hello,
        '--to',
        `oci:${dest}:slim`,
        '--mode',
        'static',
        '--probe-cmd',
        '/app/hello --greet',
      ];
      const bad = await slim(args);
      expect(bad.code, bad.stderr).toBe(1);
      const rep = report(bad);
      expect(rep.verification?.verified).toBe(false);
      expect(rep.verification?.missing).toContain('/app/greeting.txt');
      expect(rep.verification?.differences.join('\n')).toMatch(
        /--probe-cmd \/app\/hello --greet: exitCode 0 → 1/,
      );
      expect(rep.destination).toBeNull();
      expect(existsSync(dest)).toBe(false);
      const text = renderSlimText(rep);
      expect(text).toContain('keep them with --include /app/greeting.txt');
      expect(text).not.toMatch(/^verified$/m);

      const good = await slim([...args, '--include', '/app/greeting.txt']);
      expect(good.code, good.stderr + good.stdout).toBe(0);
      expect(report(good).verification?.verified).toBe(true);
      expect(kindOf(report(good), '/app/greeting.txt')).toBe('include');
    });

    it.each([
      [[], /no ENTRYPOINT or CMD[^]*--include-exe/],
      [['--include-exe', '/app/nope'], /--include-exe \/app\/nope command \/app\/nope is not in the image/],
      [['--include-exe', '/app/loop1'], /symlink loop/],
      [
        ['--include-exe', '/app/out'],
        /symlink \/app\/out → \.\.\/\.\.\/\.\.\/\.\.\/usr\/bin\/ls points outside the image root/,
      ],
      [['--include-exe', '/app/arm-hello'], /ELF for arm64, but the image is amd64/],
    ])('refuses bad input %j with exit 2 and writes nothing', async (extra, message) => {
      const dest = join(work, 'never');
      const r = await cli(['slim', images.broken, '--to', `oci:${dest}`, ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => !l.startsWith('stowage: hint: ')),
      ).toHaveLength(1);
      expect(existsSync(dest)).toBe(false);
    });

    it('refuses --mode observe without strace (exit 2, nothing written)', async () => {
      const path = process.env.PATH;
      process.env.PATH = '/nonexistent';
      try {
        const r = await cli([
          'slim',
          images.hello,
          '--to',
          `oci:${join(work, 'never')}`,
          '--mode',
          'observe',
        ]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/needs a runner: the sandbox runner needs strace/);
      } finally {
        process.env.PATH = path;
      }
      expect(existsSync(join(work, 'never'))).toBe(false);
    });
  },
);
