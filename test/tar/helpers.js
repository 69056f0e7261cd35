/**
 * Helpers for the tar tests: temp dirs, Python's tarfile and GNU tar as oracles, chunked sources,
 * and a comparison of what readTar reports against the oracle's listing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { StowageError } from '../../src/model/errors.js';
import { readTar } from '../../src/tar/reader.js';
const ORACLE = join(import.meta.dirname, 'tar-oracle.py');
/** makeTempDir creates a temp dir; `cleanup` removes it. */
export function makeTempDir(prefix = 'stowage-tar-') {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
/** pythonMembers lists an archive with Python's tarfile. */
export function pythonMembers(archive) {
    return JSON.parse(execFileSync('python3', [ORACLE, archive], { maxBuffer: 64 << 20 }).toString());
}
/** python runs a Python script with arguments and returns stdout. */
export function python(script, args = []) {
    return execFileSync('python3', ['-c', script, ...args], { maxBuffer: 64 << 20 });
}
/** chunked yields `data` in pieces whose sizes cycle through `sizes`. */
export async function* chunked(data, sizes) {
    let i = 0;
    for (let pos = 0; pos < data.length; i++) {
        const n = sizes[i % sizes.length];
        yield data.subarray(pos, pos + n);
        pos += n;
    }
}
/**
 * readAll reads a whole archive. `readBodies` chooses, per entry index, whether the consumer reads
 * the body (all of it, or only the first chunk with 'partial').
 */
export async function readAll(source, opts = {}, readBodies = () => true) {
    const out = { entries: [], bodies: [], dataOffsets: [], warnings: [] };
    const { createHash } = await import('node:crypto');
    for await (const item of readTar(source, { ...opts, onWarning: (m) => out.warnings.push(m) })) {
        const mode = readBodies(out.entries.length);
        let digest;
        if (mode !== false) {
            const h = createHash('sha256');
            for await (const chunk of item.body()) {
                h.update(chunk);
                if (mode === 'partial')
                    break;
            }
            if (mode === true && item.entry.type === 'file')
                digest = `sha256:${h.digest('hex')}`;
        }
        out.entries.push(item.entry);
        out.bodies.push(digest);
        out.dataOffsets.push(item.dataOffset);
    }
    return out;
}
/** oraclePath is the test's own statement of the normal form: no leading `./` or `/`, no trailing `/`. */
export function oraclePath(name) {
    const p = name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
    return p === '' || p === '.' ? '.' : p;
}
/** expectMatchesPython compares every field readTar gives with Python's listing of the same archive. */
export function expectMatchesPython(entries, members) {
    expect(entries.map((e) => e.rawPath.replace(/\/+$/, '') || '/')).toEqual(members.map((m) => m.name));
    entries.forEach((e, i) => {
        const m = members[i];
        const want = {
            path: oraclePath(m.name),
            type: m.type,
            size: m.type === 'file' ? m.size : 0,
            mode: m.mode & 0o7777,
            uid: m.uid,
            gid: m.gid,
            uname: m.uname,
            gname: m.gname,
            mtime: m.mtime,
            linkTarget: m.type === 'symlink' ? m.linkname : m.type === 'hardlink' ? oraclePath(m.linkname) : undefined,
            devMajor: m.type === 'char' || m.type === 'block' ? m.devmajor : undefined,
            devMinor: m.type === 'char' || m.type === 'block' ? m.devminor : undefined,
            xattrs: m.xattrs,
            contentHash: m.sha256,
        };
        const got = {
            path: e.path,
            type: e.type,
            size: e.size,
            mode: e.mode,
            uid: e.uid,
            gid: e.gid,
            uname: e.uname ?? '',
            gname: e.gname ?? '',
            mtime: e.mtime,
            linkTarget: e.linkTarget,
            devMajor: e.devMajor,
            devMinor: e.devMinor,
            xattrs: Object.fromEntries(Object.entries(e.xattrs ?? {}).map(([k, v]) => [k, v.toString('hex')])),
            contentHash: e.contentHash,
        };
        expect(got, `entry ${i} ${m.name}`).toEqual(want);
    });
}
/** gnuListing lists an archive with GNU tar; names are unquoted, so tests avoid names with newlines. */
export function gnuListing(archive) {
    const out = execFileSync('tar', ['-tv', '--numeric-owner', '--full-time', '--quoting-style=literal', '-f', archive], { env: { ...process.env, LC_ALL: 'C.UTF-8', TZ: 'UTC' }, maxBuffer: 64 << 20 }).toString();
    return out
        .split('\n')
        .filter((l) => l !== '')
        .map((line) => {
        const m = /^(.)(\S{9}) (\d+)\/(\d+) +(\d+|\d+,\s*\d+) (-?\d+-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?) (.*)$/.exec(line);
        if (!m)
            throw new Error(`unparsed tar -tv line: ${line}`);
        const [, kind, mode, uid, gid, size, , rest] = m;
        const sep = kind === 'l' ? ' -> ' : kind === 'h' ? ' link to ' : undefined;
        const cut = sep === undefined ? -1 : rest.indexOf(sep);
        return {
            kind: kind,
            mode: mode,
            uid: Number(uid),
            gid: Number(gid),
            size: size.replace(/\s+/g, ''),
            name: cut === -1 ? rest : rest.slice(0, cut),
            ...(cut === -1 ? {} : { link: rest.slice(cut + sep.length) }),
        };
    });
}
/** GNU_KIND maps `tar -tv`'s first column to an EntryType. */
export const GNU_KIND = {
    '-': 'file',
    d: 'dir',
    l: 'symlink',
    h: 'hardlink',
    c: 'char',
    b: 'block',
    p: 'fifo',
};
/** modeString renders permission bits as `ls -l` (and tar -tv) does. */
export function modeString(mode) {
    const rwx = (bits, special, ch) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? 'x' : '-'}`;
    return (rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
        rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
        rwx(mode & 7, (mode & 0o1000) !== 0, 't'));
}
/** expectStowageError asserts that a promise rejects with a StowageError of `code` and returns it. */
export async function expectStowageError(p, code) {
    const e = await p.then(() => undefined, (err) => err);
    expect(e, `expected ${code}`).toBeInstanceOf(StowageError);
    expect(e.code).toBe(code);
    return e;
}
