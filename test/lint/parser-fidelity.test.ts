/**
 * Parser fidelity: tricky Dockerfiles are built with buildah (`bud --layers --isolation chroot`)
 * on a busybox-only base, and what our parse says each RUN ran is compared with the image history.
 * - Shell and exec form: buildah records every RUN as `/bin/sh -c <arguments>` in `created_by`
 *   (exec form too, with the JSON text as written); we compare that string to `/bin/sh -c ` +
 *   the flags (buildah 1.28 keeps them, `--name=value`) + `Instruction.args`, RUN by RUN, in order (CMD and other `#(nop)` entries are skipped).
 * - Heredocs: each case runs `cat <<DELIM >/outN`; after the build we read /outN from the image
 *   (`buildah run`) and compare it byte for byte with `Heredoc.body`. buildah before 1.33 has no
 *   heredoc support (it parses the body lines as instructions); then those cases are skipped
 *   with that reason, after a probe build proves it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { describeWithTools } from '../helpers/tools.js';

const CASES: { name: string; text: string }[] = [
  { name: 'backtick escape directive', text: '# escape=`\nFROM bb\nRUN echo a `\n  && echo "b\\c"\n' },
  {
    name: 'comments inside continuations',
    text: 'FROM bb\nRUN echo one \\\n# a comment\n    # indented comment\n  && echo two\n',
  },
  { name: 'empty continuation lines', text: 'FROM bb\nRUN echo a \\\n\n   \n  echo b\n' },
  { name: 'continuation with trailing blanks', text: 'FROM bb\nRUN echo a \\  \n  b\n' },
  {
    name: 'single-quoted JSON is shell form',
    text: "FROM bb\nRUN ['true'] || echo shell-form\nCMD ['echo', 'x']\n",
  },
  { name: 'exec form', text: 'FROM bb\nRUN ["echo", "exec form"]\n' },
  { name: 'flags before the command', text: 'FROM bb\nRUN --mount=type=tmpfs,target=/t echo flagged\n' },
];

const HEREDOC_CASES: { name: string; text: string }[] = [
  { name: 'heredoc', text: 'FROM bb\nRUN cat <<EOF >/out0\nhello $HOME\n  indented\nEOF\n' },
  { name: 'heredoc <<- strips tabs', text: 'FROM bb\nRUN cat <<-EOT >/out0\n\tone\n\t\ttwo\n\tEOT\n' },
  {
    name: 'quoted delimiters, two per line',
    text: 'FROM bb\nRUN cat <<"A" >/out0 && cat <<\'B\' >/out1\n$x\nA\n$y\nB\n',
  },
];

/** flagText writes a flag back as `--name[=value]`. */
const flagText = (f: { name: string; value: string | null }): string =>
  `--${f.name}${f.value === null ? '' : `=${f.value}`}`;

/** slug makes a lower-case image name from a case name. */
const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

describeWithTools('parser fidelity against buildah', ['buildah'], () => {
  let dir = '';
  let heredocSupport = false;
  const buildah = (...args: string[]): string =>
    execFileSync(
      'buildah',
      ['--root', join(dir, 'root'), '--runroot', join(dir, 'runroot'), '--storage-driver', 'vfs', ...args],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  const build = (name: string, text: string): void => {
    const ctx = join(dir, slug(name));
    mkdirSync(ctx, { recursive: true });
    writeFileSync(join(ctx, 'Dockerfile'), text);
    buildah(
      'bud',
      '--isolation',
      'chroot',
      '--layers',
      '-f',
      join(ctx, 'Dockerfile'),
      '-t',
      `fid-${slug(name)}`,
      ctx,
    );
  };
  const history = (name: string): string[] => {
    const info = JSON.parse(buildah('inspect', `fid-${slug(name)}`)) as {
      OCIv1: { history: { created_by?: string }[] };
    };
    return info.OCIv1.history
      .map((h) => h.created_by ?? '')
      .filter((c) => c.startsWith('/bin/sh -c ') && !c.includes('#(nop)'));
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stowage-fidelity-'));
    const rootfs = join(dir, 'rootfs');
    mkdirSync(join(rootfs, 'bin'), { recursive: true });
    copyFileSync('/bin/busybox', join(rootfs, 'bin', 'busybox'));
    for (const c of ['sh', 'echo', 'cat', 'true', 'ls']) symlinkSync('busybox', join(rootfs, 'bin', c));
    const ctr = buildah('from', 'scratch').trim();
    buildah('copy', ctr, `${rootfs}/`, '/');
    buildah('commit', '-q', ctr, 'bb');
    buildah('rm', ctr);
    try {
      build('heredoc-probe', 'FROM bb\nRUN <<EOF\ntrue\nEOF\n');
      heredocSupport = true;
    } catch {
      heredocSupport = false;
    }
  });

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`RUN arguments match created_by: ${c.name}`, async () => {
      build(c.name, c.text);
      const df = await parseDockerfile(c.text);
      const ours = df.instructions
        .filter((i) => i.kind === 'RUN')
        .map((i) => `/bin/sh -c ${[...i.flags.map(flagText), i.args].join(' ')}`);
      expect(ours.length).toBeGreaterThan(0);
      expect(ours).toEqual(history(c.name));
    });
  }

  for (const c of HEREDOC_CASES) {
    it(`heredoc body matches the file the build wrote: ${c.name}`, async (t) => {
      if (!heredocSupport) t.skip(`buildah ${buildah('--version').trim()} has no heredoc support`);
      build(c.name, c.text);
      const df = await parseDockerfile(c.text);
      const docs = df.instructions.flatMap((i) => i.heredocs);
      const ctr = buildah('from', `fid-${slug(c.name)}`).trim();
      try {
        docs.forEach((d, k) =>
          expect(buildah('run', '--isolation', 'chroot', ctr, 'cat', `/out${k}`)).toBe(d.body),
        );
      } finally {
        buildah('rm', ctr);
      }
    });
  }
});
