/**
 * ContentScanner: finds secrets in one file's body as it streams past, without holding the file.
 *
 * Bytes are decoded as latin1 (one char per byte, so offsets are byte offsets) and scanned in
 * windows of `window` bytes; each window starts with the last `overlap` bytes of the previous one.
 * A match is accepted by the window in which it starts before the overlap tail (or by the last
 * window), so a secret split across chunk boundaries is found once, provided it is no longer than
 * the overlap. Binaries (a NUL byte in the first 8 KiB, or ELF magic) are skipped; at most
 * `maxBytes` bytes of a file are read.
 */
import { matchText, type TextMatch } from './match-text.js';
import type { SecretRule } from './rule.js';

/** ScanLimits bound the work per file. */
export interface ScanLimits {
  /** bytes scanned per file at most (default 1 MiB) */
  maxBytes?: number;
  /** window size in bytes (default 256 KiB) */
  window?: number;
  /** bytes carried into the next window (default 16 KiB); the longest secret found across a boundary */
  overlap?: number;
}

/** FileMatch is a secret found in a file, with its 1-based line. */
export interface FileMatch extends TextMatch {
  line: number;
}

/** ScanOutcome says how the scan of one file ended. */
export type ScanOutcome = 'scanned' | 'binary' | 'truncated';

const SNIFF = 8 * 1024;
const ELF = '\x7fELF';

/** ContentScanner scans one file; call push() per chunk until it returns false, then finish(). */
export class ContentScanner {
  private readonly maxBytes: number;
  private readonly window: number;
  private readonly overlap: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** text carried over from the previous window */
  private carry = '';
  /** absolute offset of `carry`'s first byte */
  private base = 0;
  /** newlines before `base` */
  private linesBefore = 0;
  /** matches starting before this absolute offset were settled by an earlier window */
  private settledUpTo = 0;
  private consumed = 0;
  private sniffed = false;
  private outcome: ScanOutcome = 'scanned';
  private readonly matches: FileMatch[] = [];

  constructor(
    private readonly rules: readonly SecretRule[],
    limits: ScanLimits = {},
  ) {
    this.maxBytes = limits.maxBytes ?? 1024 * 1024;
    this.window = limits.window ?? 256 * 1024;
    this.overlap = Math.min(limits.overlap ?? 16 * 1024, Math.floor(this.window / 2));
  }

  /** push feeds the next chunk; false means the scanner wants no more (binary, or the cap reached). */
  push(chunk: Buffer): boolean {
    if (this.outcome === 'binary') return false;
    const room = this.maxBytes - this.consumed;
    if (room <= 0) {
      if (chunk.length > 0) this.outcome = 'truncated';
      return false;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) this.outcome = 'truncated';
    this.pending.push(part);
    this.pendingBytes += part.length;
    this.consumed += part.length;
    if (!this.sniffed && (this.pendingBytes >= SNIFF || part.length < chunk.length) && this.sniff())
      return false;
    if (this.pendingBytes >= this.window) this.scan(false);
    return this.consumed < this.maxBytes;
  }

  /** finish scans what is left and returns the matches and how the scan ended. */
  finish(): { matches: FileMatch[]; outcome: ScanOutcome } {
    if (!this.sniffed) this.sniff();
    if (this.outcome !== 'binary') this.scan(true);
    return { matches: this.matches, outcome: this.outcome };
  }

  /** sniff decides once whether the file is binary; true when it is. */
  private sniff(): boolean {
    this.sniffed = true;
    const head = Buffer.concat(this.pending).subarray(0, SNIFF);
    if (!head.includes(0) && head.subarray(0, 4).toString('latin1') !== ELF) return false;
    this.outcome = 'binary';
    this.pending = [];
    return true;
  }

  private scan(final: boolean): void {
    const text = this.carry + Buffer.concat(this.pending).toString('latin1');
    this.pending = [];
    this.pendingBytes = 0;
    const end = this.base + text.length;
    const tailStart = final ? Infinity : end - this.overlap;
    for (const m of matchText(text, this.rules)) {
      const at = this.base + m.start;
      if (at < this.settledUpTo || at >= tailStart) continue;
      const line = this.linesBefore + countNewlines(text, 0, m.start) + 1;
      this.matches.push({ ...m, start: at, end: this.base + m.end, line });
    }
    if (final) return;
    const keep = text.length - this.overlap;
    this.linesBefore += countNewlines(text, 0, keep);
    this.carry = text.slice(keep);
    this.base += keep;
    this.settledUpTo = tailStart;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
