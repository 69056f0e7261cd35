/**
 * Fixture images for the optimize, diff and push tests, built with buildah FROM the busybox base:
 * `waste` has known waste (an overwritten 64 KiB file, a deleted file, a chmod-only copy), a hard
 * link, paths worth stripping (/usr/share/doc, /var/cache) and a CMD; `waste2` is the same
 * Dockerfile with a different /app/msg.txt in its last COPY. Both are exported as OCI layouts.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buildah } from '../fixtures/buildah.js';
import { buildBusyboxBase } from '../fixtures/busybox-base.js';

/** MSG_A and MSG_B are /app/msg.txt in the two images. */
export const MSG_A = 'hello from image A\n';
export const MSG_B = 'hello from image B, which is longer\n';

const DOCKERFILE = `FROM BASE
COPY big1.bin /data/big.bin
COPY big2.bin /data/big.bin
RUN mkdir -p /var/cache/app /usr/share/doc/x && echo cached > /var/cache/app/c.bin && echo doc > /usr/share/doc/x/README && echo keep > /data/keep && ln /data/keep /data/keep-link && echo gone > /data/gone.txt
RUN rm /data/gone.txt
RUN chmod 0600 /data/big.bin
COPY msg.txt /app/msg.txt
CMD ["/bin/cat", "/app/msg.txt"]
`;

/** WasteImages are the built layouts (tag `v1`) and the temporary directory holding them. */
export interface WasteImages {
  dir: string;
  base: string;
  a: string;
  b: string;
  /** busybox base only, as an OCI layout */
  baseRef: string;
  aRef: string;
  bRef: string;
  cleanup(): Promise<void>;
}

/** buildWasteImages builds base, A and B; B differs from A only in the last COPY. */
export async function buildWasteImages(): Promise<WasteImages> {
  const dir = await mkdtemp(join(tmpdir(), 'stowage-optimize-fx-'));
  try {
    return await build(dir);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function build(dir: string): Promise<WasteImages> {
  const buildah = await Buildah.create(join(dir, 'storage'));
  await buildBusyboxBase(buildah, dir, 'localhost/opt-base:latest');
  const ctx = join(dir, 'ctx');
  await mkdir(ctx, { recursive: true });
  await writeFile(join(ctx, 'Dockerfile'), DOCKERFILE.replace('BASE', 'localhost/opt-base:latest'));
  await writeFile(join(ctx, 'big1.bin'), randomBytes(64 * 1024));
  await writeFile(join(ctx, 'big2.bin'), randomBytes(48 * 1024));
  const out = join(dir, 'images');
  const base = join(out, 'base');
  const a = join(out, 'a');
  const b = join(out, 'b');
  await mkdir(out, { recursive: true });
  await buildah.push('localhost/opt-base:latest', `oci:${base}:v1`);
  await writeFile(join(ctx, 'msg.txt'), MSG_A);
  await buildah.bud(ctx, 'localhost/opt-a:latest');
  await buildah.push('localhost/opt-a:latest', `oci:${a}:v1`);
  await writeFile(join(ctx, 'msg.txt'), MSG_B);
  await buildah.bud(ctx, 'localhost/opt-b:latest');
  await buildah.push('localhost/opt-b:latest', `oci:${b}:v1`);
  await rm(join(dir, 'storage'), { recursive: true, force: true }).catch(() => undefined);
  return {
    dir,
    base,
    a,
    b,
    baseRef: `oci:${base}:v1`,
    aRef: `oci:${a}:v1`,
    bRef: `oci:${b}:v1`,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
