/**
 * Terminal escapes: an image whose file names, symlink target and config fields carry ESC, CR,
 * BEL, newlines, OSC/CSI sequences, a C1 control and a bidi override. The text output of every
 * read command prints no control byte except the layout's newlines (and tabs), no forged line, and
 * the hostile strings spelled out; with colour on, only stowage's own SGR codes appear; JSON keeps
 * the strings exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli/cli-harness.js';
import { removeDir, tempDir } from '../helpers/layout-fixtures.js';
import { NASTY, writeHostileImage } from './hostile-image.js';

let dir: string;
let a: string;
let b: string;

beforeAll(async () => {
  dir = await tempDir('stowage-escapes-');
  await writeHostileImage(`${dir}/a`, 'v1');
  await writeHostileImage(`${dir}/b`, 'v2', 'B');
  a = `oci:${dir}/a:v1`;
  b = `oci:${dir}/b:v2`;
});
afterAll(() => removeDir(dir));

// every C0 control but \n and \t, DEL, the C1 block, bidi controls and line separators
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const OUR_SGR = /\x1b\[[0-9;]*m/g;

const commands: [string, () => string[]][] = [
  ['inspect', () => ['inspect', a]],
  ['analyze', () => ['analyze', a]],
  ['layers', () => ['layers', a]],
  ['tree', () => ['tree', a]],
  ['tree --layer 1', () => ['tree', '--layer', '1', a]],
  ['trace', () => ['trace', a, 'etc/secret.env']],
  ['waste', () => ['waste', a]],
  ['audit', () => ['audit', '--verbose', '--fail-on', 'none', a]],
  ['diff', () => ['diff', a, b]],
];

describe('text output of a hostile image', () => {
  for (const [name, argv] of commands) {
    it(`${name}: prints no control byte and no forged line`, async () => {
      const r = await run(argv());
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(FORBIDDEN);
      expect(r.stdout).not.toMatch(/^stowage: no findings/m);
      expect(r.stdout).not.toMatch(/^OVERWRITTEN/m);
      // the escape sequences are there, written out
      expect(r.stdout).toMatch(/\\x1b\]0;pwned\\x07|\\x1b\[2J/);
    });
  }

  it('keeps only its own colour codes when colour is on', async () => {
    const r = await run(['tree', a], { stdoutTTY: true });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(OUR_SGR, '')).not.toMatch(FORBIDDEN);
    expect(r.stdout).toContain('\x1b[1m');
    expect(r.stdout).not.toContain('\x1b[2J');
  });

  it('keeps the strings exact in JSON', async () => {
    const r = await run(['inspect', '--format', 'json', a]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { config: { user: string } };
    expect(doc.config.user).toContain(NASTY.title);
    expect(doc.config.user).toContain(NASTY.forgedLine);
  });

  it('escapes a string quoted in an error message', async () => {
    const r = await run(['inspect', `oci:${dir}/${NASTY.title}${NASTY.forgedLine}missing`]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(FORBIDDEN);
    expect(
      r.stderr
        .trimEnd()
        .split('\n')
        .every((l) => l.startsWith('stowage: ')),
    ).toBe(true);
  });
});
