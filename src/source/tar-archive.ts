/**
 * A FileSet over the members of a tar archive (oci-archive, docker save), read in place: one scan
 * indexes member name → data offset and size (links resolved), then each file is served by a byte
 * range read. A compressed archive cannot be read by range, so a member is then served by
 * re-streaming the archive up to it — correct, and slower for members near the end.
 */
import { open, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { decompress } from '../compress/decompress.js';
import { SNIFF_BYTES, sniffCompression, type Compression } from '../compress/sniff.js';
import { StowageError, type ErrorWhere } from '../model/errors.js';
import type { EntryType, LayerEntry } from '../model/layer-entry.js';
import { readTar } from '../tar/reader.js';
import { scanTarFile } from '../tar/scan-file.js';
import type { FileSet } from './file-set.js';
import { fsError, readFile } from './file-stream.js';

/** ArchiveMember is one indexed tar member. */
interface ArchiveMember {
  type: EntryType;
  dataOffset: number;
  size: number;
  /** for links: the target as an archive-relative name */
  target?: string;
}

const MAX_LINK_HOPS = 40;

/** memberName normalises a stored tar name to the relative form FileSet uses (`./a/` → `a`). */
export function memberName(raw: string): string {
  const n = posix.normalize(`/${raw}`).slice(1);
  return n.endsWith('/') ? n.slice(0, -1) : n;
}

/** indexMember adds one tar entry to the member index, its link target made archive-relative. */
function indexMember(members: Map<string, ArchiveMember>, e: LayerEntry, dataOffset: number): void {
  const m: ArchiveMember = { type: e.type, dataOffset, size: e.type === 'file' ? e.size : 0 };
  const name = memberName(e.rawPath);
  if (e.type === 'hardlink' && e.linkTarget !== undefined) m.target = memberName(e.linkTarget);
  if (e.type === 'symlink' && e.linkTarget !== undefined) {
    m.target = memberName(posix.join(posix.dirname(name), e.linkTarget));
  }
  members.set(name, m);
}

/** readHead reads the first `n` bytes of a file (fewer if it is shorter). */
async function readHead(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(n);
    const { bytesRead } = await fh.read(head, 0, n, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** TarArchive indexes a tar file once and serves its members. */
export class TarArchive implements FileSet {
  private constructor(
    readonly file: string,
    readonly compression: Compression,
    private readonly members: Map<string, ArchiveMember>,
  ) {}

  /**
   * scan reads the archive once and indexes its members. A missing file fails with NOT_FOUND, a
   * file that is not a tar with NOT_AN_IMAGE.
   */
  static async scan(file: string): Promise<TarArchive> {
    const where: ErrorWhere = { file };
    let compression: Compression;
    try {
      if (!(await stat(file)).isFile()) {
        throw new StowageError('NOT_AN_IMAGE', 'not a file', {
          where,
          hint: 'a directory is read with oci:DIR',
        });
      }
      compression = sniffCompression(await readHead(file, SNIFF_BYTES), where);
    } catch (e) {
      throw fsError(e, file);
    }
    const members = new Map<string, ArchiveMember>();
    try {
      const items =
        compression === 'none'
          ? scanTarFile(file, { where })
          : readTar(decompress(readFile(file), { where }), { where });
      for await (const { entry, dataOffset } of items) indexMember(members, entry, dataOffset);
    } catch (e) {
      // Failing before the first member means the file was never a tar.
      if (
        members.size === 0 &&
        e instanceof StowageError &&
        (e.code === 'CORRUPT_TAR' || e.code === 'TRUNCATED')
      ) {
        throw new StowageError('NOT_AN_IMAGE', 'not a tar archive', {
          where,
          hint: 'oci-archive: and docker-archive: read tar files (from `docker save`, skopeo, buildah)',
          cause: e,
        });
      }
      throw fsError(e, file);
    }
    return new TarArchive(file, compression, members);
  }

  /** names lists the archive's regular files and links, in archive order. */
  names(): string[] {
    return [...this.members.keys()];
  }

  describe(name?: string): string {
    return name === undefined ? this.file : `${this.file} member ${name}`;
  }

  exists(name: string): Promise<boolean> {
    return Promise.resolve(this.resolve(name) !== undefined);
  }

  /** memberSize is the size of a file member (after links), or undefined when absent. */
  memberSize(name: string): number | undefined {
    return this.resolve(name)?.member.size;
  }

  open(name: string): AsyncIterable<Buffer> {
    const found = this.resolve(name);
    if (found === undefined) return this.missing(name);
    const { member } = found;
    if (this.compression === 'none') {
      return readFile(this.file, { start: member.dataOffset, length: member.size }, { path: name });
    }
    return this.restream(found.name, member);
  }

  private resolve(name: string): { name: string; member: ArchiveMember } | undefined {
    let n = memberName(name);
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      const m = this.members.get(n);
      if (m === undefined) return undefined;
      if (m.type === 'file') return { name: n, member: m };
      if (m.target === undefined) return undefined;
      n = m.target;
    }
    return undefined;
  }

  // eslint-disable-next-line require-yield
  private async *missing(name: string): AsyncGenerator<Buffer> {
    throw new StowageError('NOT_FOUND', `the archive has no member ${name}`, {
      where: { file: this.file, path: name },
      hint: 'the archive is incomplete or not the kind of archive the reference says',
    });
  }

  private async *restream(name: string, member: ArchiveMember): AsyncGenerator<Buffer> {
    const where: ErrorWhere = { file: this.file };
    for await (const item of readTar(decompress(readFile(this.file), { where }), { where })) {
      if (item.dataOffset === member.dataOffset) {
        yield* item.body();
        return;
      }
    }
    throw new StowageError('TRUNCATED', `member ${name} vanished from the archive`, {
      where,
      hint: 'the archive changed while it was read',
    });
  }
}
