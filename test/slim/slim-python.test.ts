/**
 * `stowage slim` on a Python app: Debian's python3 (apt-get into the shared Debian base) serving a
 * directory with `python3 -m http.server`, probed over HTTP in the sandbox: the interpreter, the
 * stdlib modules it imported and the served file are kept (observed), ratio ≥ 5×, same status and body.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SlimReport } from '../../src/report/slim-report.js';
import { run as cli } from '../cli/cli-harness.js';
import { DEBIAN_TOOLS, getDebianBase } from '../fixtures/debian-base.js';
import { describeWithTools } from '../helpers/tools.js';
import { buildPythonImage, INDEX_HTML } from './python-image.js';

const TOOLS = [...DEBIAN_TOOLS, 'strace', 'unshare', 'nsenter', 'ip', 'umoci', 'chroot'];
const isRoot = process.getuid?.() === 0;

let work: string;
let image: string;

describeWithTools(
  `stowage slim on a Python HTTP server${isRoot ? '' : ' (needs root)'}`,
  isRoot ? TOOLS : [...TOOLS, 'a-root-user'],
  () => {
    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'stowage-slim-python-'));
      image = await buildPythonImage(await getDebianBase(), join(work, 'build'));
    }, 900_000);
    afterAll(() => rm(work, { recursive: true, force: true }));

    it('keeps what python3 -m http.server uses, ≥ 5× smaller, and answers the same', async () => {
      const r = await cli([
        'slim',
        image,
        '--to',
        `oci:${join(work, 'slim')}:slim`,
        '--http-probe',
        '/index.html',
        '--format',
        'json',
      ]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const rep = JSON.parse(r.stdout) as SlimReport;
      console.info(
        `Python http.server: ${rep.before.unpackedBytes} → ${rep.after.unpackedBytes} bytes unpacked (${rep.ratio}×), ` +
          `${rep.before.files} → ${rep.after.files} files, ${rep.original?.observedPaths} paths observed`,
      );
      expect(rep.verification?.verified).toBe(true);
      expect(rep.ratio).toBeGreaterThanOrEqual(5);
      const [probe] = rep.original?.probes ?? [];
      expect(probe).toMatchObject({ status: 200, bodyBytes: Buffer.byteLength(INDEX_HTML) });
      expect(rep.verification?.slim.probes[0]?.bodySha256).toBe(probe?.bodySha256);
      const observed = rep.kept.observed?.paths.map((p) => p.path) ?? [];
      expect(observed).toContain('/app/www/index.html');
      expect(observed.some((p) => /^\/usr\/lib\/python3\.\d+\/http\/server\.py$/.test(p))).toBe(true);
    });
  },
);
