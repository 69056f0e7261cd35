/**
 * ELF reading for dependency resolution: the class, byte order and machine of an object, the loader
 * its PT_INTERP names, and from its dynamic section the DT_NEEDED libraries, DT_RUNPATH / DT_RPATH
 * search directories and DT_SONAME. Only what the loader itself reads is parsed.
 */

/** ElfInfo is what the dynamic loader needs to know about one object. */
export interface ElfInfo {
  /** 32 or 64 */
  bits: 32 | 64;
  littleEndian: boolean;
  /** e_machine, e.g. 62 for x86-64, 183 for aarch64 */
  machine: number;
  /** the program interpreter (dynamic loader) path, if any */
  interpreter?: string;
  needed: string[];
  /** DT_RUNPATH entries, split on `:` */
  runpath: string[];
  /** DT_RPATH entries, split on `:` (the loader ignores them when a RUNPATH is present) */
  rpath: string[];
  soname?: string;
}

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;

/** ELF_MACHINES names the e_machine values of the architectures images are built for. */
export const ELF_MACHINES: Record<number, string> = {
  3: '386',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  22: 's390x',
  40: 'arm',
  62: 'amd64',
  183: 'arm64',
  243: 'riscv64',
};

/** isElf reports whether `buf` starts with the ELF magic. */
export function isElf(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x7f && buf[1] === 0x45 && buf[2] === 0x4c && buf[3] === 0x46;
}

/** ElfError says why an object could not be read; `parseElf` throws it. */
export class ElfError extends Error {}

interface Reader {
  u16(off: number): number;
  u32(off: number): number;
  word(off: number): number;
}

function reader(b: Buffer, bits: 32 | 64, le: boolean): Reader {
  const check = (off: number, n: number) => {
    if (off < 0 || off + n > b.length) throw new ElfError(`truncated at byte ${off}`);
  };
  const u16 = (off: number) => (check(off, 2), le ? b.readUInt16LE(off) : b.readUInt16BE(off));
  const u32 = (off: number) => (check(off, 4), le ? b.readUInt32LE(off) : b.readUInt32BE(off));
  const u64 = (off: number) => {
    check(off, 8);
    const v = le ? b.readBigUInt64LE(off) : b.readBigUInt64BE(off);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`value out of range at byte ${off}`);
    return Number(v);
  };
  return { u16, u32, word: bits === 64 ? u64 : u32 };
}

function cString(b: Buffer, off: number): string {
  if (off < 0 || off >= b.length) throw new ElfError(`string offset ${off} is outside the file`);
  const end = b.indexOf(0, off);
  return b.toString('utf8', off, end < 0 ? b.length : end);
}

interface Segment {
  type: number;
  offset: number;
  vaddr: number;
  filesz: number;
}

/** parseElf reads the loader-relevant facts of an ELF object held in `buf`. */
export function parseElf(buf: Uint8Array): ElfInfo {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (!isElf(b) || b.length < 52) throw new ElfError('not an ELF object');
  const bits = b[4] === 2 ? 64 : b[4] === 1 ? 32 : undefined;
  const le = b[5] === 1 ? true : b[5] === 2 ? false : undefined;
  if (bits === undefined || le === undefined) throw new ElfError('unknown ELF class or byte order');
  const r = reader(b, bits, le);
  const machine = r.u16(18);
  const phoff = r.word(bits === 64 ? 32 : 28);
  const phentsize = r.u16(bits === 64 ? 54 : 42);
  const phnum = r.u16(bits === 64 ? 56 : 44);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    segments.push(
      bits === 64
        ? { type: r.u32(p), offset: r.word(p + 8), vaddr: r.word(p + 16), filesz: r.word(p + 32) }
        : { type: r.u32(p), offset: r.word(p + 4), vaddr: r.word(p + 8), filesz: r.word(p + 16) },
    );
  }
  const info: ElfInfo = { bits, littleEndian: le, machine, needed: [], runpath: [], rpath: [] };
  const interp = segments.find((s) => s.type === PT_INTERP);
  if (interp !== undefined) info.interpreter = cString(b, interp.offset);
  const dyn = segments.find((s) => s.type === PT_DYNAMIC);
  if (dyn === undefined) return info;
  const entries: [number, number][] = [];
  const size = bits === 64 ? 16 : 8;
  for (let p = dyn.offset; p + size <= dyn.offset + dyn.filesz; p += size) {
    const tag = r.word(p);
    if (tag === DT_NULL) break;
    entries.push([tag, r.word(p + size / 2)]);
  }
  const strtabAddr = entries.find(([t]) => t === DT_STRTAB)?.[1];
  if (strtabAddr === undefined) return info;
  const strtab = fileOffset(segments, strtabAddr);
  for (const [tag, val] of entries) {
    if (tag === DT_NEEDED) info.needed.push(cString(b, strtab + val));
    else if (tag === DT_RUNPATH) info.runpath.push(...splitPath(cString(b, strtab + val)));
    else if (tag === DT_RPATH) info.rpath.push(...splitPath(cString(b, strtab + val)));
    else if (tag === DT_SONAME) info.soname = cString(b, strtab + val);
  }
  return info;
}

/** fileOffset maps a virtual address to a file offset through the PT_LOAD segments. */
function fileOffset(segments: readonly Segment[], addr: number): number {
  for (const s of segments) {
    if (s.type === PT_LOAD && addr >= s.vaddr && addr < s.vaddr + s.filesz) return addr - s.vaddr + s.offset;
  }
  throw new ElfError(`address 0x${addr.toString(16)} is in no loaded segment`);
}

function splitPath(s: string): string[] {
  return s.split(':').filter((d) => d !== '');
}
