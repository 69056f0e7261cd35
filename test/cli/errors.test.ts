/**
 * How the CLI fails: input errors exit 2 with one line naming the file, internal errors exit 3
 * asking for a report, stacks only with --debug; usage errors, help and version.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/command.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { readWithPython, run, writeSample } from './cli-harness.js';

const STACK_LINE = /^\s+at /m;
let dir: string;
let tar: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stowage-cli-errors-'));
  tar = await writeSample(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('input errors exit 2', () => {
  it('names a missing file, without a stack unless --debug', async () => {
    const missing = join(dir, 'no-such-image.tar');
    const r = await run(['inspect', `docker-archive:${missing}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^stowage: error: .*no-such-image\.tar/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const debug = await run(['inspect', '--debug', `docker-archive:${missing}`]);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK_LINE);
  });

  it('names the file of a corrupt layer', async () => {
    const oracle = readWithPython(tar);
    const biggest = [...oracle.layers].sort((a, b) => b.size - a.size)[0]!;
    const bytes = await readFile(tar);
    bytes[biggest.offset + Math.floor(biggest.size / 2)]! ^= 0xff;
    const corrupt = join(dir, 'corrupt.tar');
    await writeFile(corrupt, bytes);
    const r = await run(['inspect', `docker-archive:${corrupt}`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(/^stowage: error: .*corrupt\.tar/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('internal errors exit 3', () => {
  const boom: Command = {
    name: 'boom',
    summary: 'fails like a bug',
    synopsis: '',
    args: { min: 0, max: 0 },
    run: () => Promise.reject(new TypeError('cannot read properties of undefined')),
  };
  it('asks for a report, with the stack only under --debug', async () => {
    const r = await run(['boom'], { commands: [boom] });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('internal error: cannot read properties of undefined');
    expect(r.stderr).toContain('please report it');
    expect(r.stderr).not.toMatch(STACK_LINE);
    const debug = await run(['--debug', 'boom'], { commands: [boom] });
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(STACK_LINE);
  });
});

describe('usage', () => {
  it('rejects unknown commands, options, formats and argument counts with exit 2', async () => {
    for (const argv of [
      ['frobnicate'],
      ['inspect', '--frob', tar],
      ['inspect', '--format', 'xml', tar],
      ['inspect'],
      ['inspect', tar, tar],
      ['inspect', '--platform', 'linux', tar],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^stowage: error: /);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('prints help with the exit codes, and the version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(c.name);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*2 {2}usage error/);
    const cmdHelp = await run(['inspect', '--help']);
    expect(cmdHelp.code).toBe(0);
    expect(cmdHelp.stdout).toContain('Usage: stowage inspect');
    expect((await run(['help', 'inspect'])).stdout).toBe(cmdHelp.stdout);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: stowage');
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect((await run(['--version'])).stdout).toBe(`stowage ${pkg.version}\n`);
  });
});
