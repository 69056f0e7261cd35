/**
 * Typeflags: the one-byte kind of a tar header, and how the kinds that describe files map to
 * stowage's EntryType.
 */
import type { EntryType } from '../model/layer-entry.js';

/** TYPEFLAG names the typeflag bytes the reader and writer handle specially. */
export const TYPEFLAG = {
  file: 0x30, // '0'
  oldFile: 0x00, // '\0', pre-POSIX regular file
  hardlink: 0x31, // '1'
  symlink: 0x32, // '2'
  char: 0x33, // '3'
  block: 0x34, // '4'
  dir: 0x35, // '5'
  fifo: 0x36, // '6'
  contiguous: 0x37, // '7', a regular file everywhere that matters
  paxLocal: 0x78, // 'x'
  paxGlobal: 0x67, // 'g'
  gnuLongName: 0x4c, // 'L'
  gnuLongLink: 0x4b, // 'K'
  gnuSparse: 0x53, // 'S'
  gnuDumpDir: 0x44, // 'D', a directory followed by a listing of its names
  gnuVolume: 0x56, // 'V', a volume label, not a file
} as const;

const ENTRY_TYPES = new Map<number, EntryType>([
  [TYPEFLAG.file, 'file'],
  [TYPEFLAG.oldFile, 'file'],
  [TYPEFLAG.contiguous, 'file'],
  [TYPEFLAG.gnuSparse, 'file'],
  [TYPEFLAG.hardlink, 'hardlink'],
  [TYPEFLAG.symlink, 'symlink'],
  [TYPEFLAG.char, 'char'],
  [TYPEFLAG.block, 'block'],
  [TYPEFLAG.dir, 'dir'],
  [TYPEFLAG.gnuDumpDir, 'dir'],
  [TYPEFLAG.fifo, 'fifo'],
]);

/** entryTypeOf maps a typeflag to an EntryType; undefined for flags that name no known kind. */
export function entryTypeOf(typeflag: number): EntryType | undefined {
  return ENTRY_TYPES.get(typeflag);
}

/** TYPEFLAG_OF is the typeflag the writer stores for each EntryType. */
export const TYPEFLAG_OF: Record<EntryType, number> = {
  file: TYPEFLAG.file,
  hardlink: TYPEFLAG.hardlink,
  symlink: TYPEFLAG.symlink,
  char: TYPEFLAG.char,
  block: TYPEFLAG.block,
  dir: TYPEFLAG.dir,
  fifo: TYPEFLAG.fifo,
};

/** describeTypeflag renders a typeflag for messages: the character when printable, else its code. */
export function describeTypeflag(typeflag: number): string {
  return typeflag >= 0x21 && typeflag < 0x7f
    ? `'${String.fromCharCode(typeflag)}'`
    : `0x${typeflag.toString(16)}`;
}
