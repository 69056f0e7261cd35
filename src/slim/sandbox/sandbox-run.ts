/**
 * runInSandbox: runs an unpacked image's command line traced, exercises it with probes, stops it.
 * A holder process keeps a fresh network namespace (loopback up, nothing else); the application runs
 * as `strace -f -e trace=%file,execve -o LOG nsenter --net=NS unshare --mount --pid --fork
 * --kill-child --mount-proc --root ROOTFS --wd WORKDIR CMD…`, so the tracer outside the chroot sees
 * the paths as the chrooted process names them (DESIGN.md §5.6). Command probes run the same way in
 * the image; HTTP probes run the host's node inside the namespace and reach the app on its loopback.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { splitWords, unquote } from '../../dockerfile/words.js';
import type { AppResult, Probe, ProbeResult } from '../probes.js';
import { describeProbe } from '../probes.js';
import { HTTP_PROBE_SCRIPT } from './http-probe-script.js';
import { hostTool } from './sandbox-check.js';
import { parseStraceLog, type TracedPaths } from './strace-log.js';

const run = promisify(execFile);

/** tool is a host command's absolute path (the image's PATH, given to the app, may not have it). */
function tool(name: string): string {
  return hostTool(name) ?? name;
}

/** SandboxSpec says what to run and how to probe it. */
export interface SandboxSpec {
  /** the unpacked root filesystem */
  rootfs: string;
  /** where the trace logs go */
  logDir: string;
  argv: string[];
  env: Record<string, string>;
  /** normalised working directory */
  workdir: string;
  probes: readonly Probe[];
  /** how long to wait for the app to exit (no probes) or answer (each probe) */
  timeoutMs: number;
}

/** SandboxRun is what one run observed. */
export interface SandboxRun {
  app: AppResult;
  probes: ProbeResult[];
  traced: TracedPaths;
}

const STDOUT_KEEP = 1 << 20;

/** runInSandbox runs `spec` and returns what it saw; the caller checks sandboxProblem() first. */
export async function runInSandbox(spec: SandboxSpec): Promise<SandboxRun> {
  const holder = spawn('unshare', ['--net', '--', 'sleep', '86400'], { stdio: 'ignore' });
  try {
    const net = await netNamespace(holder);
    await run('nsenter', [`--net=${net}`, '--', 'ip', 'link', 'set', 'lo', 'up']);
    const logs: string[] = [];
    const traced = (name: string, argv: string[]) => {
      const log = join(spec.logDir, `${name}.strace`);
      logs.push(log);
      return spawn(
        tool('strace'),
        [
          '-f',
          '-qq',
          '-e',
          'trace=%file,execve',
          '-o',
          log,
          tool('nsenter'),
          `--net=${net}`,
          '--',
          tool('unshare'),
          '--mount',
          '--pid',
          '--fork',
          '--kill-child',
          '--mount-proc',
          `--root=${spec.rootfs}`,
          `--wd=/${spec.workdir === '.' ? '' : spec.workdir}`,
          '--',
          ...argv,
        ],
        { env: spec.env, stdio: ['ignore', 'pipe', 'ignore'] },
      );
    };
    const app = traced('app', spec.argv);
    const appOut = collect(app);
    const appExit = exitOf(app);
    if (spec.probes.length === 0) await Promise.race([appExit, sleep(spec.timeoutMs)]);
    else if (!spec.probes.some((p) => p.kind === 'http')) await Promise.race([appExit, sleep(500)]);
    const probes: ProbeResult[] = [];
    for (const [i, p] of spec.probes.entries()) {
      probes.push(
        p.kind === 'http'
          ? await httpProbe(net, p, spec.timeoutMs)
          : await cmdProbe(traced(`probe-${i}`, words(p.command)), p, spec.timeoutMs),
      );
    }
    const exited = await Promise.race([appExit.then(() => true), sleep(0).then(() => false)]);
    if (!exited) await stop(app);
    const code = await appExit;
    const stdout = await appOut;
    const texts = await Promise.all(logs.map((l) => readFile(l, 'utf8').catch(() => '')));
    return {
      app: {
        exited,
        ...(exited && code !== null ? { exitCode: code } : {}),
        stdoutSha256: sha256(stdout),
        stdout: stdout.toString('utf8', 0, 2000),
      },
      probes,
      traced: mergeTraces(texts.map(parseStraceLog)),
    };
  } finally {
    holder.kill('SIGKILL');
  }
}

/** netNamespace waits until the holder has entered its own network namespace and returns its path. */
async function netNamespace(holder: ChildProcess): Promise<string> {
  const mine = await readlink('/proc/self/ns/net');
  for (let i = 0; i < 100; i++) {
    if (holder.pid !== undefined) {
      const ns = await readlink(`/proc/${holder.pid}/ns/net`).catch(() => mine);
      if (ns !== mine) return `/proc/${holder.pid}/ns/net`;
    }
    if (holder.exitCode !== null) break;
    await sleep(20);
  }
  throw new Error('unshare --net did not start a network namespace');
}

function words(command: string): string[] {
  return splitWords(command).map((w) => unquote(w.text));
}

function collect(child: ChildProcess): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let have = 0;
    child.stdout?.on('data', (c: Buffer) => {
      if (have < STDOUT_KEEP) parts.push(c);
      have += c.length;
    });
    child.stdout?.on('close', () => resolve(Buffer.concat(parts)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

/**
 * stop ends a traced run: it kills strace's child (unshare, which with --kill-child takes the
 * namespace's init and so every process in it), so strace sees its tracees go and finishes its log.
 */
async function stop(tracer: ChildProcess): Promise<void> {
  const pid = tracer.pid;
  if (pid === undefined) return;
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const c of children.split(/\s+/).filter((s) => s !== '')) {
    try {
      process.kill(Number(c), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const done = await Promise.race([exitOf(tracer).then(() => true), sleep(5000).then(() => false)]);
  if (!done) tracer.kill('SIGKILL');
}

async function cmdProbe(child: ChildProcess, p: Probe, timeoutMs: number): Promise<ProbeResult> {
  const out = collect(child);
  const exit = exitOf(child);
  const finished = await Promise.race([exit.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!finished) await stop(child);
  const code = await exit;
  const stdout = await out;
  const r: ProbeResult = {
    probe: describeProbe(p),
    stdoutSha256: sha256(stdout),
    stdout: stdout.toString('utf8', 0, 200),
  };
  if (!finished) r.error = `no exit within ${timeoutMs / 1000} s`;
  else if (code !== null) r.exitCode = code;
  return r;
}

async function httpProbe(net: string, p: Probe & { kind: 'http' }, timeoutMs: number): Promise<ProbeResult> {
  const url = `http://127.0.0.1:${p.port}${p.path}`;
  const r: ProbeResult = { probe: describeProbe(p) };
  try {
    const { stdout } = await run(
      'nsenter',
      [`--net=${net}`, '--', process.execPath, '-e', HTTP_PROBE_SCRIPT, url, String(timeoutMs)],
      { timeout: timeoutMs + 5000 },
    );
    Object.assign(r, JSON.parse(stdout) as Partial<ProbeResult>);
  } catch (e) {
    r.error = (e as Error).message.split('\n')[0] ?? 'failed';
  }
  return r;
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

function mergeTraces(all: TracedPaths[]): TracedPaths {
  const out: TracedPaths = { opened: new Map(), missing: new Set() };
  for (const t of all) {
    for (const [p, call] of t.opened) if (!out.opened.has(p)) out.opened.set(p, call);
    for (const p of t.missing) out.missing.add(p);
  }
  return out;
}
