/**
 * A real `docker-registry serve` (distribution 2.8) on 127.0.0.1 and a free port for tests, with
 * its storage and log in a temporary directory, plus helpers to push images into it with skopeo.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { run } from '../fixtures/run.js';

/** RegistryServer is a running registry; `host` is `127.0.0.1:PORT`. */
export interface RegistryServer {
  host: string;
  port: number;
  dir: string;
  /** log returns what the registry has logged so far */
  log(): Promise<string>;
  stop(): Promise<void>;
}

/** freePort asks the kernel for a free TCP port on `address`. */
export function freePort(address = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, address, () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/** startRegistry starts a registry with an optional `auth` section (htpasswd or token). */
export async function startRegistry(auth?: Record<string, unknown>): Promise<RegistryServer> {
  const dir = await mkdtemp(join(tmpdir(), 'stowage-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const cfg = {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: false } },
    storage: { filesystem: { rootdirectory: join(dir, 'data') }, delete: { enabled: true } },
    http: { addr: host, secret: 'test-secret' },
    ...(auth !== undefined ? { auth } : {}),
  };
  const cfgFile = join(dir, 'config.yml');
  await writeFile(cfgFile, stringify(cfg));
  const logFile = join(dir, 'registry.log');
  const logStream = createWriteStream(logFile);
  const child: ChildProcess = spawn('docker-registry', ['serve', cfgFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(logStream, { end: false });
  child.stderr?.pipe(logStream, { end: false });
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`http://${host}/v2/`);
      await res.body?.cancel();
      break;
    } catch {
      if (exited || Date.now() > deadline) {
        throw new Error(`docker-registry did not start: ${await readFile(logFile, 'utf8').catch(() => '')}`);
      }
      await sleep(100);
    }
  }
  return {
    host,
    port,
    dir,
    log: () => readFile(logFile, 'utf8'),
    async stop() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      logStream.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** skopeoCopy copies `from` to `to` with TLS verification off for the loopback registry. */
export async function skopeoCopy(from: string, to: string, extra: string[] = []): Promise<void> {
  await run('skopeo', [
    'copy',
    '--quiet',
    '--src-tls-verify=false',
    '--dest-tls-verify=false',
    ...extra,
    from,
    to,
  ]);
}

/** skopeoInspectRaw fetches a manifest as skopeo sees it. */
export async function skopeoInspectRaw(ref: string, extra: string[] = []): Promise<Buffer> {
  return run('skopeo', ['inspect', '--raw', '--tls-verify=false', ...extra, ref]);
}
