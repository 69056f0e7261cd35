/**
 * Which context files a COPY/ADD source selects: `.` (everything), a path (a file, or a directory
 * and everything below it), or a wildcard pattern (Go filepath.Match per path component; each match
 * brings what is below it). A source that is a symlink is followed, within the context; symlinks
 * below a selected directory are copied as links. Ignored files are never selected.
 */
import picomatch from 'picomatch';
import type { ContextFilter } from './ignore.js';
import type { ContextEntry, ContextSnapshot, SelectedFile } from './model.js';
import type { BuilderRules } from './rules.js';

/** cleanSource turns a COPY source into a context-relative path (`./a/../b/` → `b`, `.` → ``). */
export function cleanSource(src: string): string {
  const out: string[] = [];
  for (const part of src.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

function resolveLink(ctx: ContextSnapshot, path: string, depth = 0): string | undefined {
  const e = ctx.entries.get(path);
  if (e?.type !== 'symlink' || depth > 40) return e === undefined ? undefined : path;
  const target = e.linkTarget ?? '';
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const next = cleanSource(target.startsWith('/') ? target : `${dir}/${target}`);
  return resolveLink(ctx, next, depth + 1);
}

async function describe(ctx: ContextSnapshot, e: ContextEntry, rules: BuilderRules): Promise<SelectedFile> {
  const out: SelectedFile = { path: e.path, type: e.type, mode: e.mode, fingerprint: '' };
  if (rules.ownerCounts) out.owner = `${e.uid}:${e.gid}`;
  if (e.type === 'file') out.digest = await ctx.contentDigest(e.path);
  if (e.type === 'symlink') out.linkTarget = e.linkTarget ?? '';
  out.fingerprint = [e.type, e.mode.toString(8), out.owner ?? '', out.digest ?? out.linkTarget ?? ''].join(
    ' ',
  );
  return out;
}

/** Selection is what one source selects; `matched` is false when nothing matched (a build error). */
export interface Selection {
  files: SelectedFile[];
  matched: boolean;
}

/** selectSource lists the files one COPY/ADD source selects, with their fingerprints. */
export async function selectSource(
  ctx: ContextSnapshot,
  filter: ContextFilter,
  rules: BuilderRules,
  source: string,
): Promise<Selection> {
  const clean = cleanSource(source);
  const visible = [...ctx.entries.values()].filter((e) => filter.includes(e.path));
  let roots: string[];
  if (clean === '') roots = [''];
  else if (/[*?[]/.test(clean)) {
    const isMatch = picomatch(clean, { dot: true, noglobstar: true, nobrace: true, noextglob: true });
    roots = visible.filter((e) => isMatch(e.path)).map((e) => e.path);
  } else {
    const resolved = resolveLink(ctx, clean);
    roots = resolved !== undefined && (resolved === '' || filter.includes(resolved)) ? [resolved] : [];
  }
  const chosen = new Map<string, ContextEntry>();
  for (const root of roots) {
    for (const e of visible) {
      if (root === '' || e.path === root || e.path.startsWith(`${root}/`)) chosen.set(e.path, e);
    }
  }
  const files: SelectedFile[] = [];
  for (const e of [...chosen.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    // A root directory's own mode is not copied (its contents are), so it does not count.
    if (e.type === 'dir' && roots.includes(e.path)) continue;
    files.push(await describe(ctx, e, rules));
  }
  return { files, matched: roots.length > 0 };
}
