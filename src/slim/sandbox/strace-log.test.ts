import { describe, expect, it } from 'vitest';
import { parseStraceLog, unescapeC } from './strace-log.js';

const LOG = `100 execve("/usr/bin/nsenter", ["nsenter"], 0x7ffd /* 3 vars */) = 0
100 openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3
101 chroot("/tmp/stowage-slim-x/rootfs") = 0
101 execve("/app/run", ["/app/run"], 0x7ffe /* 3 vars */) = 0
101 openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3
102 openat(AT_FDCWD, "/app/data.txt", O_RDONLY <unfinished ...>
101 newfstatat(AT_FDCWD, "/nope", 0x7ffc, 0) = -1 ENOENT (No such file or directory)
102 <... openat resumed>) = 4
101 openat(3, "relative", O_RDONLY) = 5
101 access("/etc/caf\\303\\251\\n", R_OK) = 0
101 mount("proc", "/proc", "proc", MS_NOSUID, NULL) = 0
102 +++ exited with 0 +++
`;

describe('parseStraceLog', () => {
  it('keeps what the chrooted processes used, joins interrupted calls, skips the setup', () => {
    const t = parseStraceLog(LOG);
    expect([...t.opened]).toEqual([
      ['/app/run', 'execve'],
      ['/etc/ld.so.cache', 'openat'],
      ['/app/data.txt', 'openat'],
      ['/etc/café\n', 'access'],
    ]);
    expect([...t.missing]).toEqual(['/nope']);
  });

  it('decodes C escapes', () => {
    expect(unescapeC('a\\"b\\\\c\\x41\\101\\t')).toBe('a"b\\cAA\t');
  });
});
