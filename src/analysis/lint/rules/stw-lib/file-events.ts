/**
 * File events of a build sequence: paths created by COPY/ADD or by downloads in RUN (`curl -o`,
 * `wget -O`, `git clone`), and paths removed by `rm` in RUN, resolved against WORKDIR and `cd`.
 * A removal in a later instruction than the creation leaves the bytes in the earlier layer.
 */
import type { Instruction } from '../../../../dockerfile/model.js';
import type { SimpleCommand } from '../../../../dockerfile/shell/model.js';
import { basename, operands } from './command-line.js';
import { copyArgs, createdPaths } from './copy-args.js';
import { matchesRemoval, resolve } from './paths.js';
import { commandsWithCwd } from './run-cwd.js';
import type { Sequence } from './sequences.js';

/** Created is a path an instruction put into the image. */
export interface Created {
  path: string;
  /** source is the COPY/ADD source or the URL/command it came from. */
  source: string;
  ins: Instruction;
}

/** Removal is an `rm` of an absolute path (maybe a glob) in a RUN. */
export interface Removal {
  target: string;
  cmd: SimpleCommand;
  ins: Instruction;
}

/** WastedPair is a path created by one instruction and removed by a later one. */
export interface WastedPair {
  created: Created;
  removal: Removal;
}

/** fileEvents lists the creations and removals of a sequence in order. */
export function fileEvents(seq: Sequence): { created: Created[]; removals: Removal[] } {
  const created: Created[] = [];
  const removals: Removal[] = [];
  for (const { ins, workdir } of seq.steps) {
    if (ins.kind === 'COPY' || ins.kind === 'ADD') {
      const args = copyArgs(ins);
      if (args === null) continue;
      for (const c of createdPaths(args, workdir)) created.push({ ...c, ins });
    } else if (ins.kind === 'RUN') {
      for (const { name, args, cmd, cwd } of commandsWithCwd(ins, workdir)) {
        if (name === 'rm') {
          for (const t of operands(args))
            if (!t.includes('$')) removals.push({ target: resolve(cwd, t), cmd, ins });
        }
        for (const d of downloads(name, args))
          created.push({ path: resolve(cwd, d.path), source: d.source, ins });
      }
    }
  }
  return { created, removals };
}

/** downloads lists the files a curl/wget/git clone command writes, relative to its cwd. */
function downloads(name: string, args: readonly string[]): { path: string; source: string }[] {
  const urls = args.filter((a) => /^(https?|ftp|git|ssh):\/\//.test(a));
  const valueOf = (...opts: string[]): string | undefined => {
    for (let k = 0; k < args.length; k++) {
      const a = args[k]!;
      for (const o of opts) {
        if (a === o) return args[k + 1];
        if (o.startsWith('--') && a.startsWith(`${o}=`)) return a.slice(o.length + 1);
      }
    }
    return undefined;
  };
  const remoteName = (u: string): string => basename(u.replace(/[?#].*$/, ''));
  const out = (path: string | undefined, source: string): { path: string; source: string }[] =>
    path === undefined || path === '-' || path === '' || path.includes('$') || path.startsWith('/dev/')
      ? []
      : [{ path, source }];
  const url = urls[0];
  if (url === undefined) return [];
  if (name === 'curl') {
    const o = valueOf('-o', '--output');
    if (o !== undefined) return out(o, url);
    return args.some((a) => a === '-O' || a === '--remote-name' || /^-[a-zA-Z]*O[a-zA-Z]*$/.test(a))
      ? out(remoteName(url), url)
      : [];
  }
  if (name === 'wget') {
    const o = valueOf('-O', '--output-document');
    if (o !== undefined) return out(o, url);
    return valueOf('-P', '--directory-prefix') === undefined ? out(remoteName(url), url) : [];
  }
  if (name === 'git' && args[0] === 'clone') {
    const rest = operands(args.slice(1), ['-b', '--branch', '--depth', '-o', '--origin', '-c', '--config']);
    const dir = rest[1] ?? remoteName(url).replace(/\.git$/, '');
    return out(dir, url);
  }
  return [];
}

/** wastedPairs pairs each creation with the first later removal (in another instruction) that deletes it. */
export function wastedPairs(seq: Sequence): WastedPair[] {
  const { created, removals } = fileEvents(seq);
  const order = new Map(seq.steps.map((s, i) => [s.ins, i]));
  const out: WastedPair[] = [];
  for (const c of created) {
    const removal = removals.find(
      (r) => (order.get(r.ins) ?? -1) > (order.get(c.ins) ?? -1) && matchesRemoval(r.target, c.path),
    );
    if (removal !== undefined) out.push({ created: c, removal });
  }
  return out;
}
