/**
 * Starts the built CLI's `explore` as a child process (as a user would) and waits for the one JSON
 * line that carries its URL; stop() sends SIGINT and waits for the exit code.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** CLI is the built entry point (npm test builds before it runs vitest). */
export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

/** Explorer is a running `stowage explore`. */
export interface Explorer {
  url: string;
  child: ChildProcess;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** ExploreExit is how a start that never listened ended. */
export interface ExploreExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** startExplore runs `explore --format json ARGS`; rejects with ExploreExit if it exits first. */
export function startExplore(args: string[], env: Record<string, string> = {}): Promise<Explorer> {
  const child = spawn(process.execPath, [CLI, 'explore', '--format', 'json', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n')[0] as string;
      if (!stdout.includes('\n')) return;
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        child,
        stderr: () => stderr,
        stop: async (signal = 'SIGINT') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) =>
      reject(Object.assign(new Error(`explore exited ${code}`), { code, stdout, stderr })),
    );
  });
}
