/**
 * The executable readers against the host's own tools, on the host's own files: parseElf against
 * `readelf` (interpreter, NEEDED, RUNPATH), parseLdCache against `ldconfig -p`, and the closure of a
 * dynamically linked program against `ldd`'s resolved libraries (real paths).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandClosure } from '../../src/executable/closure.js';
import { parseElf } from '../../src/executable/elf.js';
import { parseLdCache } from '../../src/executable/ld-cache.js';
import { dirFs } from '../helpers/dir-fs.js';
import { describeWithTools } from '../helpers/tools.js';

const PROGRAMS = ['/usr/bin/ls', '/usr/bin/tar', '/usr/bin/strace'];
const text = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

describeWithTools('ELF and loader cache against readelf and ldconfig', ['readelf', 'ldconfig', 'ldd'], () => {
  it.each(PROGRAMS)('parseElf(%s) agrees with readelf', (prog) => {
    const elf = parseElf(readFileSync(prog));
    const dyn = text('readelf', ['-dW', prog]);
    const needed = [...dyn.matchAll(/\(NEEDED\)\s+Shared library: \[(.+)\]/g)].map((m) => m[1]);
    const runpath = [...dyn.matchAll(/\(RUNPATH\)\s+Library runpath: \[(.+)\]/g)].flatMap((m) =>
      (m[1] as string).split(':'),
    );
    const interp = /Requesting program interpreter: (.+)\]/.exec(text('readelf', ['-lW', prog]))?.[1];
    expect(elf.needed).toEqual(needed);
    expect(elf.runpath).toEqual(runpath);
    expect(elf.interpreter).toBe(interp);
    expect(elf.bits).toBe(64);
  });

  it('parseLdCache lists what ldconfig -p lists', () => {
    const entries = parseLdCache(readFileSync('/etc/ld.so.cache'));
    expect(entries).toBeDefined();
    const ours = (entries ?? []).map((e) => `${e.soname} ${e.path}`).sort();
    const theirs = [...text('ldconfig', ['-p']).matchAll(/^\s+(\S+) \([^)]*\) => (\S+)$/gm)]
      .map((m) => `${m[1]} ${m[2]}`)
      .sort();
    expect(ours).toEqual(theirs);
    expect(ours.length).toBeGreaterThan(10);
  });

  it.each(PROGRAMS)('the closure of %s holds every library ldd resolves', async (prog) => {
    const closure = await commandClosure(dirFs('/'), [{ argv: [prog], label: 'test' }], {
      searchPath: '/usr/bin:/bin',
      libraryPath: [],
      workdir: '.',
      architecture: 'amd64',
    });
    const libs = [...text('ldd', [prog]).matchAll(/(?:=> )?(\/\S+) \(0x/g)].map((m) =>
      realpathSync(m[1] as string).slice(1),
    );
    const kept = closure.needs.map((n) => n.path);
    expect(libs.length).toBeGreaterThan(1);
    for (const lib of libs) expect(kept).toContain(lib);
    expect(closure.unresolved).toEqual([]);
  });
});

describe('an ELF for another architecture', () => {
  it('is refused with the architectures named', async () => {
    await expect(
      commandClosure(dirFs('/'), [{ argv: ['/usr/bin/ls'], label: 'test' }], {
        searchPath: '/usr/bin',
        libraryPath: [],
        workdir: '.',
        architecture: 'arm64',
      }),
    ).rejects.toThrow(/ELF for amd64, but the image is arm64/);
  });
});
