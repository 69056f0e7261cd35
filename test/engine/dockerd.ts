/**
 * A private dockerd for tests (DESIGN.md §4): data, exec root, pidfile and socket in a temporary
 * directory, no networking set-up. Stopped with SIGTERM; its netns mount is undone afterwards.
 */
import { spawn, execFile } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../fixtures/run.js';

/** Dockerd is a running daemon; `host` is the `unix://` address for DOCKER_HOST. */
export interface Dockerd {
  socket: string;
  host: string;
  docker(args: string[]): Promise<Buffer>;
  stop(): Promise<void>;
}

/** startDockerd starts a daemon and waits until it answers `docker version`. */
export async function startDockerd(): Promise<Dockerd> {
  const dir = await mkdtemp(join(tmpdir(), 'stowage-dockerd-'));
  const socket = join(dir, 'docker.sock');
  const host = `unix://${socket}`;
  const execRoot = join(dir, 'exec');
  const log = join(dir, 'dockerd.log');
  const out = createWriteStream(log);
  const child = spawn(
    'dockerd',
    [
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      execRoot,
      '--pidfile',
      join(dir, 'dockerd.pid'),
      '-H',
      host,
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      '--ip-masq=false',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  let exited = false;
  child.on('exit', () => (exited = true));
  const docker = (args: string[]): Promise<Buffer> => run('docker', ['-H', host, ...args]);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (
      existsSync(socket) &&
      (await docker(['version']).then(
        () => true,
        () => false,
      ))
    )
      break;
    if (exited || Date.now() > deadline) {
      throw new Error(`dockerd did not start:\n${await readFile(log, 'utf8').catch(() => '')}`);
    }
    await sleep(250);
  }
  return {
    socket,
    host,
    docker,
    async stop() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      out.end();
      await new Promise((resolve) =>
        execFile('umount', [join(execRoot, 'netns', 'default')], () => resolve(undefined)),
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}
