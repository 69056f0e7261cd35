/**
 * Reading an `strace -f -e trace=%file,execve` log of a sandboxed run: the paths the chrooted
 * processes named, split into those a call succeeded on and those it found missing (ENOENT).
 * Lines before the first successful `chroot(…)` are the sandbox's own setup and name host paths;
 * they are skipped. Interrupted calls (`<unfinished …>` / `<… resumed>`) are joined per process.
 */

/** TracedPaths are the paths of one log, as the traced processes named them. */
export interface TracedPaths {
  /** path → first syscall that succeeded on it */
  opened: Map<string, string>;
  /** paths a call failed on with ENOENT */
  missing: Set<string>;
}

/** calls whose path is not a file the program uses */
const SKIP = new Set([
  'chroot',
  'mount',
  'umount2',
  'pivot_root',
  'chdir',
  'mkdir',
  'mkdirat',
  'unlink',
  'unlinkat',
]);

const LINE = /^(\d+)\s+(.*)$/;
const CALL = /^(\w+)\((.*)\)\s+=\s+(-?\d+|0x[0-9a-f]+|\?)(.*)$/;
const FIRST_STRING = /"((?:[^"\\]|\\.)*)"/;

/** parseStraceLog reads a whole log. */
export function parseStraceLog(text: string): TracedPaths {
  const out: TracedPaths = { opened: new Map(), missing: new Set() };
  const pending = new Map<string, string>();
  let inRoot = false;
  for (const raw of text.split('\n')) {
    const m = LINE.exec(raw);
    if (m === null) continue;
    const pid = m[1] as string;
    let rest = m[2] as string;
    const cut = rest.indexOf(' <unfinished ...>');
    if (cut >= 0) {
      pending.set(pid, rest.slice(0, cut));
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(rest);
    if (resumed !== null) {
      rest = (pending.get(pid) ?? '') + (resumed[1] as string);
      pending.delete(pid);
    }
    const call = CALL.exec(rest);
    if (call === null) continue;
    const [, name, args, ret, tail] = call as unknown as [string, string, string, string, string];
    if (name === 'chroot' && ret === '0') inRoot = true;
    if (!inRoot || SKIP.has(name)) continue;
    // a path relative to a directory descriptor other than the working directory cannot be placed
    if (/^\d/.test(args)) continue;
    const s = FIRST_STRING.exec(args);
    if (s === null) continue;
    const path = unescapeC(s[1] as string);
    if (ret !== '-1') {
      if (!out.opened.has(path)) out.opened.set(path, name);
    } else if (tail.includes('ENOENT')) out.missing.add(path);
  }
  return out;
}

/** unescapeC decodes strace's C-style string escapes (\n, \t, \\, \", \xHH, \NNN). */
export function unescapeC(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = s[++i] ?? '';
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, '\\': 92, '"': 34 };
    if (n in simple) bytes.push(simple[n] as number);
    else if (n === 'x') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(i)) as RegExpExecArray;
      bytes.push(parseInt(oct[0], 8));
      i += oct[0].length - 1;
    } else bytes.push(...Buffer.from(n, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
