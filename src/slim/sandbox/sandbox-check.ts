/**
 * sandboxProblem: why the sandbox runner cannot run here (not root, or a host tool missing), or
 * undefined when it can. The runner needs root for unshare and chroot, and the host's strace,
 * unshare, nsenter, ip and mknod.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** SANDBOX_TOOLS are the host commands the sandbox runner uses. */
export const SANDBOX_TOOLS = ['strace', 'unshare', 'nsenter', 'ip', 'mknod'] as const;

/** hostTool returns the absolute path of host command `name` on PATH, or undefined. */
export function hostTool(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** sandboxProblem returns a sentence saying what is missing, or undefined. */
export function sandboxProblem(): string | undefined {
  if (process.getuid?.() !== 0) return 'the sandbox runner needs root (it uses unshare and chroot)';
  const missing = SANDBOX_TOOLS.filter((t) => hostTool(t) === undefined);
  if (missing.length > 0) {
    return `the sandbox runner needs ${missing.join(', ')} on PATH (Debian: strace, util-linux, iproute2, coreutils)`;
  }
  return undefined;
}
