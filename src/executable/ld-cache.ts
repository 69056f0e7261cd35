/**
 * The dynamic loader's cache, `/etc/ld.so.cache`, in glibc's binary format "glibc-ld.so.cache1.1"
 * (written by ldconfig since glibc 2.32 without the old "ld.so-1.7.0" part in front): a table of
 * (soname → path) entries whose strings are offsets into the file.
 */

/** LdCacheEntry is one library the cache lists. */
export interface LdCacheEntry {
  soname: string;
  path: string;
  /** ldconfig's flags: the low byte is the kind (3 = ELF libc6), the next the architecture */
  flags: number;
}

const NEW_MAGIC = 'glibc-ld.so.cache1.1';
const HEADER = 48;
const ENTRY = 24;

/**
 * parseLdCache returns the entries of a cache file, or undefined when it is not in the new format
 * (the caller then searches the ld.so.conf directories, as the loader would without a cache).
 */
export function parseLdCache(buf: Uint8Array): LdCacheEntry[] | undefined {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const base = 0; // a cache with the old format in front is read through ld.so.conf instead
  if (b.length < base + HEADER || b.toString('latin1', base, base + NEW_MAGIC.length) !== NEW_MAGIC) {
    return undefined;
  }
  const big = b[base + 32] === 3;
  const u32 = (off: number) => (big ? b.readUInt32BE(off) : b.readUInt32LE(off));
  const nlibs = u32(base + 20);
  const out: LdCacheEntry[] = [];
  const str = (off: number) => {
    const at = base + off;
    if (at >= b.length) return undefined;
    const end = b.indexOf(0, at);
    return b.toString('utf8', at, end < 0 ? b.length : end);
  };
  for (let i = 0; i < nlibs; i++) {
    const e = base + HEADER + i * ENTRY;
    if (e + ENTRY > b.length) break;
    const soname = str(u32(e + 4));
    const path = str(u32(e + 8));
    if (soname !== undefined && path !== undefined) out.push({ soname, path, flags: u32(e) });
  }
  return out;
}
