/**
 * Probes: what exercises an application while it is observed, and how two runs' answers compare —
 * the application's own exit (when it exits by itself), each `--probe-cmd` (exit code and stdout)
 * and each `--http-probe` (status and body hash).
 */
import { StowageError } from '../model/errors.js';

/** Probe is one check run against a running image. */
export type Probe = { kind: 'cmd'; command: string } | { kind: 'http'; port: number; path: string };

/** ProbeResult is what one probe saw. */
export interface ProbeResult {
  probe: string;
  exitCode?: number;
  stdoutSha256?: string;
  /** the start of stdout, for people */
  stdout?: string;
  status?: number;
  bodySha256?: string;
  bodyBytes?: number;
  /** why the probe got no answer */
  error?: string;
}

/** AppResult is how the application's own process ended. */
export interface AppResult {
  /** false when it was still running and was stopped */
  exited: boolean;
  exitCode?: number;
  stdoutSha256: string;
  stdout: string;
}

/** describeProbe names a probe as the user wrote it. */
export function describeProbe(p: Probe): string {
  return p.kind === 'cmd' ? `--probe-cmd ${p.command}` : `--http-probe ${p.port}:${p.path}`;
}

/** parseHttpProbe reads `[PORT:]PATH`; without a port the image's first exposed TCP port is used. */
export function parseHttpProbe(spec: string, exposed: readonly number[]): Probe {
  const m = /^(?:(\d+):)?(\/.*)$/.exec(spec);
  const port = m?.[1] !== undefined ? Number(m[1]) : exposed[0];
  if (m === null || port === undefined || port < 1 || port > 65535) {
    throw new StowageError('USAGE', `--http-probe ${spec} is not [PORT:]PATH`, {
      hint:
        exposed.length === 0
          ? 'the image exposes no port: give one, e.g. --http-probe 8000:/'
          : 'e.g. --http-probe 8080:/health',
    });
  }
  return { kind: 'http', port, path: m[2] as string };
}

/** exposedPorts lists the TCP ports of a config's ExposedPorts (`8080/tcp`), in order. */
export function exposedPorts(exposed: Record<string, object> | undefined): number[] {
  return Object.keys(exposed ?? {})
    .filter((k) => !k.endsWith('/udp'))
    .map((k) => Number(k.split('/')[0]))
    .filter((n) => Number.isInteger(n));
}

/** compareRuns lists the differences between the original's and the slim image's answers. */
export function compareRuns(
  original: { app: AppResult; probes: ProbeResult[] },
  slim: { app: AppResult; probes: ProbeResult[] },
): string[] {
  const diffs: string[] = [];
  const a = original.app;
  const b = slim.app;
  if (a.exited !== b.exited) {
    diffs.push(
      `the application ${a.exited ? 'exited' : 'kept running'} in the original, ${b.exited ? `exited (code ${b.exitCode})` : 'kept running'} in the slim image`,
    );
  } else if (a.exited) {
    if (a.exitCode !== b.exitCode) diffs.push(`exit code ${a.exitCode} → ${b.exitCode}`);
    if (a.stdoutSha256 !== b.stdoutSha256) diffs.push('the application printed different output');
  }
  original.probes.forEach((p, i) => {
    const q = slim.probes[i];
    if (q === undefined) return;
    for (const key of ['error', 'exitCode', 'status'] as const) {
      if (p[key] !== q[key])
        diffs.push(`${p.probe}: ${key} ${String(p[key] ?? '–')} → ${String(q[key] ?? '–')}`);
    }
    if (p.stdoutSha256 !== q.stdoutSha256) diffs.push(`${p.probe}: stdout differs`);
    if (p.bodySha256 !== q.bodySha256) diffs.push(`${p.probe}: body differs`);
  });
  return diffs;
}
