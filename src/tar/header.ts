/**
 * Header blocks: decoding one 512-byte ustar/GNU/v7 header into its fields after checking its
 * checksum. Extended headers (PAX, GNU long names, sparse maps) are applied by the reader.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';
import { CHECKSUM_LENGTH, CHECKSUM_OFFSET, headerChecksums } from './block.js';
import { parseNumeric, parseOctalText } from './numeric.js';
import { TYPEFLAG } from './type-flag.js';

/** RawHeader is one header block's fields as stored, before extended headers are applied. */
export interface RawHeader {
  /** ustar prefix and name joined with `/`, as stored */
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: number;
  linkname: string;
  uname: string;
  gname: string;
  /** set for character and block devices only */
  devMajor?: number;
  devMinor?: number;
  /** the header carries GNU's magic, so the prefix area holds GNU fields (sparse map, times) */
  gnu: boolean;
}

const USTAR_MAGIC = Buffer.from('ustar\x0000', 'latin1');
const GNU_MAGIC = Buffer.from('ustar  \x00', 'latin1');

/** readString decodes the NUL-terminated UTF-8 text field `buf[start, start+length)`. */
export function readString(buf: Buffer, start: number, length: number): string {
  const nul = buf.indexOf(0, start);
  const end = nul === -1 || nul > start + length ? start + length : nul;
  return buf.toString('utf8', start, end);
}

/**
 * decodeHeader checks the checksum of a non-zero header block and decodes its fields. Throws
 * CORRUPT_TAR (with `where`, which should carry the block's offset) when the checksum does not
 * match or a numeric field is malformed.
 */
export function decodeHeader(block: Buffer, where: ErrorWhere): RawHeader {
  verifyChecksum(block, where);
  const typeflag = block[156] as number;
  const gnu = block.compare(GNU_MAGIC, 0, 8, 257, 265) === 0;
  let name = readString(block, 0, 100);
  if (!gnu && block[345] !== 0 && block.compare(USTAR_MAGIC, 0, 8, 257, 265) === 0) {
    name = `${readString(block, 345, 155)}/${name}`;
  }
  const header: RawHeader = {
    name,
    mode: parseNumeric(block, 100, 8, 'mode', where),
    uid: parseNumeric(block, 108, 8, 'uid', where),
    gid: parseNumeric(block, 116, 8, 'gid', where),
    size: parseNumeric(block, 124, 12, 'size', where),
    mtime: parseNumeric(block, 136, 12, 'mtime', where),
    typeflag,
    linkname: readString(block, 157, 100),
    uname: readString(block, 265, 32),
    gname: readString(block, 297, 32),
    gnu,
  };
  if (header.size < 0) {
    throw new StowageError('CORRUPT_TAR', `tar header has a negative size ${header.size}`, { where });
  }
  if (typeflag === TYPEFLAG.char || typeflag === TYPEFLAG.block) {
    header.devMajor = parseNumeric(block, 329, 8, 'devmajor', where);
    header.devMinor = parseNumeric(block, 337, 8, 'devminor', where);
  }
  return header;
}

function verifyChecksum(block: Buffer, where: ErrorWhere): void {
  const stored = parseStoredChecksum(block);
  const { unsigned, signed } = headerChecksums(block);
  if (stored === unsigned || stored === signed) return;
  throw new StowageError(
    'CORRUPT_TAR',
    stored === undefined
      ? 'tar header has an unreadable checksum field'
      : `tar header checksum mismatch: stored ${stored}, computed ${unsigned}`,
    { where, hint: 'the archive is damaged or this is not a tar archive' },
  );
}

/** parseStoredChecksum reads the checksum field as octal text, trimmed as Go trims it. */
function parseStoredChecksum(block: Buffer): number | undefined {
  return parseOctalText(block, CHECKSUM_OFFSET, CHECKSUM_LENGTH);
}
