/**
 * Build contexts read from git without a checkout: `git ls-tree -r` lists a revision's files and
 * `git cat-file --batch` reads the blobs a COPY selects (each blob hashed once across revisions).
 * Git keeps no owner and only the executable bit, so `gitView` maps a directory snapshot to what a
 * checkout by the same user would look like before the two are compared.
 */
import { execFile } from 'node:child_process';
import { StowageError } from '../../model/errors.js';
import { GitBatch } from './git-batch.js';
import { sha256Of } from './hash.js';
import type { ContextEntry, ContextSnapshot } from './model.js';

function git(dir: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd: dir, encoding: 'buffer', maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
      if (err) {
        reject(
          new StowageError(
            'USAGE',
            `git ${args.join(' ')} failed: ${stderr.toString().trim() || err.message}`,
            {
              where: { file: dir },
              hint: 'the context must be inside a git work tree and the revision must exist',
              cause: err,
            },
          ),
        );
      } else resolve(stdout);
    });
  });
}

function parentDirs(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

function dirEntry(path: string): ContextEntry {
  return { path, type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
}

/** GitRepo reads revisions of the git work tree that holds a context directory. */
export class GitRepo {
  private readonly batch: GitBatch;
  private readonly blobDigests = new Map<string, Promise<string>>();

  /** GitRepo.open checks that `contextDir` is inside a git work tree. */
  static async open(contextDir: string): Promise<GitRepo> {
    await git(contextDir, ['rev-parse', '--show-toplevel']);
    return new GitRepo(contextDir);
  }

  private constructor(private readonly dir: string) {
    this.batch = new GitBatch(dir);
  }

  /** resolve returns the full commit id of `rev`. */
  async resolve(rev: string): Promise<string> {
    return (await git(this.dir, ['rev-parse', '--verify', `${rev}^{commit}`])).toString('utf8').trim();
  }

  /** commits returns up to `n` + 1 first-parent commits ending at `rev`, oldest first. */
  async commits(n: number, rev = 'HEAD'): Promise<{ id: string; subject: string }[]> {
    const out = await git(this.dir, [
      'log',
      '--first-parent',
      `--max-count=${n + 1}`,
      '--format=%H%x09%s',
      rev,
    ]);
    return out
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const tab = l.indexOf('\t');
        return { id: l.slice(0, tab), subject: l.slice(tab + 1) };
      })
      .reverse();
  }

  /** snapshot reads the context directory's subtree at `rev`. */
  async snapshot(rev: string): Promise<ContextSnapshot> {
    const commit = await this.resolve(rev);
    const raw = (await git(this.dir, ['ls-tree', '-r', '-z', '--full-name', commit, '.'])).toString('utf8');
    const prefix = (await git(this.dir, ['rev-parse', '--show-prefix'])).toString('utf8').trim();
    const entries = new Map<string, ContextEntry>();
    const oids = new Map<string, string>();
    const links: Promise<void>[] = [];
    for (const rec of raw.split('\0')) {
      if (rec === '') continue;
      const tab = rec.indexOf('\t');
      const [mode, type, oid] = rec.slice(0, tab).split(' ') as [string, string, string];
      const path = rec.slice(tab + 1).slice(prefix.length);
      if (type !== 'blob') continue;
      for (const d of parentDirs(path)) if (!entries.has(d)) entries.set(d, dirEntry(d));
      oids.set(path, oid);
      if (mode === '120000') {
        const entry: ContextEntry = { path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0 };
        entries.set(path, entry);
        links.push(this.batch.read(oid).then((b) => void (entry.linkTarget = b.toString('utf8'))));
      } else {
        entries.set(path, {
          path,
          type: 'file',
          mode: mode === '100755' ? 0o755 : 0o644,
          uid: 0,
          gid: 0,
          size: 0,
        });
      }
    }
    await Promise.all(links);
    return {
      label: `git:${rev}`,
      entries,
      readText: async (path) => {
        const oid = oids.get(path);
        return oid === undefined ? undefined : (await this.batch.read(oid)).toString('utf8');
      },
      contentDigest: (path) => {
        const oid = oids.get(path);
        if (oid === undefined)
          return Promise.reject(new StowageError('NOT_FOUND', `${path} is not in ${rev}`));
        let d = this.blobDigests.get(oid);
        if (d === undefined) {
          d = this.batch.read(oid).then(sha256Of);
          this.blobDigests.set(oid, d);
        }
        return d;
      },
    };
  }

  /** close ends the git process. */
  close(): void {
    this.batch.close();
  }
}

/**
 * gitView maps a directory snapshot to git's view: files 0644 or 0755 (by the owner's execute bit),
 * directories 0755, owner 0 — how a checkout of the same content would look.
 */
export function gitView(snap: ContextSnapshot): ContextSnapshot {
  const entries = new Map<string, ContextEntry>();
  for (const [path, e] of snap.entries) {
    const mode = e.type === 'dir' ? 0o755 : e.type === 'symlink' ? 0o777 : e.mode & 0o100 ? 0o755 : 0o644;
    entries.set(path, { ...e, mode, uid: 0, gid: 0 });
  }
  return { ...snap, entries };
}
