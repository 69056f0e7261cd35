/**
 * The files a process expects to find whatever it runs: the user and group databases, name-service
 * configuration, hosts, CA certificates, the local time zone, the working directory and the mount
 * points a runtime mounts over. Each is kept when the image has it (symlinks followed inside the root).
 */
import type { ImageFs } from '../executable/image-fs.js';
import { resolvePath } from '../executable/resolve-path.js';
import type { KeptSet } from './kept-set.js';

/** ALWAYS_KEPT lists the always-kept paths and why. */
export const ALWAYS_KEPT: readonly [string, string][] = [
  ['/etc/passwd', 'user database: user names and home directories'],
  ['/etc/group', 'group database'],
  ['/etc/nsswitch.conf', 'name-service switch configuration'],
  ['/etc/hosts', 'static host names (localhost)'],
  ['/etc/resolv.conf', 'DNS resolver configuration'],
  ['/etc/ssl/certs/ca-certificates.crt', 'CA certificate bundle (Debian, Ubuntu)'],
  ['/etc/ssl/cert.pem', 'CA certificate bundle (Alpine)'],
  ['/etc/pki/tls/certs/ca-bundle.crt', 'CA certificate bundle (Fedora, RHEL)'],
  ['/etc/localtime', 'local time zone'],
  ['/tmp', 'temporary directory'],
  ['/proc', 'mount point of /proc'],
  ['/dev', 'mount point of /dev'],
  ['/sys', 'mount point of /sys'],
];

/** addAlwaysKept adds the always-kept paths the image has, and `workdir` (the directory itself). */
export function addAlwaysKept(fs: ImageFs, kept: KeptSet, workdir: string): void {
  const items: [string, string][] = [...ALWAYS_KEPT];
  if (workdir !== '.') items.push([`/${workdir}`, 'the working directory (WORKDIR)']);
  for (const [path, why] of items) {
    const r = resolvePath(fs, path);
    if (!r.exists) continue;
    for (const l of r.links) kept.add(l, 'symlink', `symlink on the way to ${path}: ${why}`);
    kept.add(r.path, 'always', why);
  }
}
