/**
 * Permission strings as `ls -l` prints them. Imports nothing, so the explorer's browser client can
 * share it.
 */

/** TYPE_CHAR is `ls -l`'s first column per entry type (a regular file is `-`). */
export const TYPE_CHAR: Record<string, string> = {
  dir: 'd',
  symlink: 'l',
  hardlink: 'h',
  char: 'c',
  block: 'b',
  fifo: 'p',
};

/** modeString renders a type and permission bits as `drwxr-xr-x` (setuid/setgid/sticky included). */
export function modeString(type: string, mode: number): string {
  const bits = 'rwxrwxrwx'.split('').map((ch, i) => ((mode >> (8 - i)) & 1 ? ch : '-'));
  const special = (pos: number, flag: number, on: string, off: string) => {
    if (mode & flag) bits[pos] = bits[pos] === '-' ? off : on;
  };
  special(2, 0o4000, 's', 'S');
  special(5, 0o2000, 's', 'S');
  special(8, 0o1000, 't', 'T');
  return (TYPE_CHAR[type] ?? '-') + bits.join('');
}
