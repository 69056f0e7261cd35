/**
 * GNU sparse files: the maps that say which byte ranges of a file's logical content are stored
 * (everything else reads as zeros), in each of GNU's encodings — old GNU headers with extension
 * blocks, PAX 0.0/0.1 keys, and PAX 1.0's map at the start of the data.
 */
import { StowageError, type ErrorWhere } from '../model/errors.js';
import { limitExceeded, type TarLimits } from './limits.js';
import { parseNumeric } from './numeric.js';

/** SparseSegment is one stored range of a sparse file's logical content. */
export interface SparseSegment {
  offset: number;
  length: number;
}

/** checkSegmentCount throws LIMIT_EXCEEDED when a map of `count` segments is over the limit. */
export function checkSegmentCount(count: number, limits: TarLimits, where: ErrorWhere): void {
  if (count > limits.maxSparseSegments) {
    throw limitExceeded('maxSparseSegments', limits, `a sparse map of ${count} segments`, where);
  }
}

const ENTRY_SIZE = 24;

/** OldGnuSparse is the part of an old GNU map held in one block, and whether more blocks follow. */
export interface OldGnuSparse {
  segments: SparseSegment[];
  extended: boolean;
}

/** readOldGnuHeaderSparse reads the map in a GNU 'S' header: 4 slots at 386, flag at 482, real size at 483. */
export function readOldGnuHeaderSparse(
  block: Buffer,
  where: ErrorWhere,
): OldGnuSparse & { realSize: number } {
  return {
    ...readSlots(block, 386, 4, block[482] !== 0, where),
    realSize: parseNumeric(block, 483, 12, 'realsize', where),
  };
}

/** readOldGnuExtension reads one extension block: 21 slots, then the flag at 504. */
export function readOldGnuExtension(block: Buffer, where: ErrorWhere): OldGnuSparse {
  return readSlots(block, 0, 21, block[504] !== 0, where);
}

function readSlots(
  block: Buffer,
  start: number,
  count: number,
  extended: boolean,
  where: ErrorWhere,
): OldGnuSparse {
  const segments: SparseSegment[] = [];
  for (let i = 0; i < count; i++) {
    const pos = start + i * ENTRY_SIZE;
    if (block[pos + 12] === 0) break; // an empty numbytes field ends the map
    segments.push({
      offset: parseNumeric(block, pos, 12, 'sparse offset', where),
      length: parseNumeric(block, pos + 12, 12, 'sparse numbytes', where),
    });
  }
  return { segments, extended };
}

/** segmentsFromNumbers pairs up `offset, length, offset, length, …`. */
export function segmentsFromNumbers(
  numbers: number[],
  where: ErrorWhere,
  limits: TarLimits,
): SparseSegment[] {
  if (numbers.length % 2 !== 0) throw corrupt('sparse map has an odd count of numbers', where);
  checkSegmentCount(numbers.length / 2, limits, where);
  const segments: SparseSegment[] = [];
  for (let i = 0; i < numbers.length; i += 2) {
    segments.push({ offset: numbers[i] as number, length: numbers[i + 1] as number });
  }
  return segments;
}

/** parseSparseMapText parses PAX 0.1's `GNU.sparse.map` value, `off,len,off,len…`. */
export function parseSparseMapText(text: string, where: ErrorWhere, limits: TarLimits): SparseSegment[] {
  if (text === '') return [];
  const numbers = text.split(',').map((t) => {
    const n = Number(t);
    if (!/^\d+$/.test(t) || !Number.isSafeInteger(n)) throw corrupt(`sparse map holds "${t}"`, where);
    return n;
  });
  return segmentsFromNumbers(numbers, where, limits);
}

/**
 * SparseMapDecoder reads PAX 1.0's map from the start of an entry's data: decimal numbers each
 * ending in a newline — the segment count, then offset and length per segment — padded to a block.
 * Feed it blocks until `push` returns true.
 */
export class SparseMapDecoder {
  private readonly numbers: number[] = [];
  private value = 0;
  private digits = 0;
  private count = -1;

  constructor(
    private readonly where: ErrorWhere,
    private readonly limits: TarLimits,
  ) {}

  /** push consumes one block; returns true once the whole map has been read. */
  push(block: Buffer): boolean {
    for (let i = 0; i < block.length; i++) {
      const c = block[i] as number;
      if (c === 0x0a && this.digits > 0) {
        if (this.count < 0) {
          checkSegmentCount(this.value, this.limits, this.where);
          this.count = this.value;
        } else {
          this.numbers.push(this.value);
        }
        this.value = 0;
        this.digits = 0;
        if (this.numbers.length === this.count * 2) return true;
      } else if (c >= 0x30 && c <= 0x39) {
        this.value = this.value * 10 + (c - 0x30);
        this.digits++;
        if (this.value > Number.MAX_SAFE_INTEGER) throw corrupt('sparse map number too large', this.where);
      } else {
        throw corrupt(`sparse map holds byte 0x${c.toString(16)}`, this.where);
      }
    }
    return false;
  }

  /** segments returns the decoded map; call after `push` returned true. */
  segments(): SparseSegment[] {
    return segmentsFromNumbers(this.numbers, this.where, this.limits);
  }
}

/**
 * validateSparseMap checks that segments are in order, do not overlap, lie within the real size,
 * and are all stored within `storedSize` bytes.
 */
export function validateSparseMap(
  segments: SparseSegment[],
  realSize: number,
  storedSize: number,
  where: ErrorWhere,
): void {
  let end = 0;
  let stored = 0;
  for (const s of segments) {
    if (s.offset < end || s.offset + s.length > realSize) {
      throw corrupt(
        `sparse segment at ${s.offset}+${s.length} is out of order or beyond size ${realSize}`,
        where,
      );
    }
    end = s.offset + s.length;
    stored += s.length;
  }
  if (stored > storedSize) {
    throw corrupt(`sparse map covers ${stored} bytes but the entry stores only ${storedSize}`, where);
  }
}

function corrupt(detail: string, where: ErrorWhere): StowageError {
  return new StowageError('CORRUPT_TAR', detail, { where, hint: 'the archive is damaged' });
}
