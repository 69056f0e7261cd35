/**
 * Temporary files and directories of this process (atomic-write siblings, cache downloads,
 * optimize spools): named with the process id so a later run can tell leftovers of a killed
 * process from another run's work in progress, remembered while they exist so a signal handler
 * can remove them (removeTempsSync), and swept by the next run when a `kill -9` left them behind.
 */
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const live = new Set<string>();
const swept = new Set<string>();

/** TEMP_MARK matches the `.tmp-PID-HEX` suffix of tempName and captures the PID. */
const TEMP_MARK = /\.tmp-(\d+)-[0-9a-f]+$/;

/** tempName is `base.tmp-PID-RANDOM`: a unique sibling name for a file being written. */
export function tempName(base: string): string {
  return `${base}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** trackTemp remembers a temporary path until untrackTemp, for removeTempsSync. */
export function trackTemp(path: string): void {
  live.add(path);
}

/** untrackTemp forgets a temporary path (renamed into place or removed). */
export function untrackTemp(path: string): void {
  live.delete(path);
}

/** removeTempsSync removes every tracked temporary path now (for signal and exit handlers). */
export function removeTempsSync(): void {
  for (const path of live) rmSync(path, { recursive: true, force: true });
  live.clear();
}

/** isAlive says whether a process with `pid` exists (one owned by another user counts). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * sweepLeftovers removes, once per process and directory, the entries of `dir` that `pidOf`
 * attributes to a process that no longer exists (default: tempName's `.tmp-PID-` suffix).
 */
export async function sweepLeftovers(
  dir: string,
  pidOf: (name: string) => number | undefined = (name) => {
    const m = TEMP_MARK.exec(name);
    return m === null ? undefined : Number(m[1]);
  },
): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = pidOf(name);
    if (pid !== undefined && pid !== process.pid && !isAlive(pid)) {
      await rm(join(dir, name), { recursive: true, force: true });
    }
  }
}
