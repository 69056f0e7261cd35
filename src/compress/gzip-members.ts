/**
 * gzip members read here, their deflate data inflated raw: the decoder worker runs this for a
 * layer whose output is checked against a sha256 (its diff_id) anyway, so gunzip's CRC-32 — about
 * a sixth of inflating — is not computed. The rest is checked as gunzip checks it: the header
 * (magic, method, flags, FEXTRA, FNAME, FCOMMENT, FHCRC) and each member's ISIZE. After a member,
 * a zero byte ends the stream (padding is ignored) and anything else must be another member, as in
 * Node's gunzip. Errors carry zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR for an early end).
 *
 * openGzipMembers is self-contained (no imports, nothing from module scope): the worker runs its
 * source text, with node:zlib passed in.
 */
import type { Transform } from 'node:stream';
import type * as Zlib from 'node:zlib';

/** MembersOut is where decoded bytes and the verdict go (decode-worker.ts's host `out`). */
export interface MembersOut {
  slice(bytes: Buffer, owned: boolean): void;
  end(pending: number, consumed: number): void;
  corrupt(message: string, code: string, consumed: number): void;
}

/** MembersDecoder takes compressed input; `done` is called once a piece's bytes are used. */
export interface MembersDecoder {
  write(bytes: Uint8Array, done: () => void): void;
  end(): void;
  pause(): void;
  resume(): void;
}

/** openGzipMembers starts decoding a gzip stream into `out`, in chunks of `chunkSize` bytes. */
export function openGzipMembers(out: MembersOut, zlib: typeof Zlib, chunkSize: number): MembersDecoder {
  const EMPTY = Buffer.alloc(0);
  let state: 'header' | 'body' | 'trailer' | 'ignore' | 'failed' = 'header';
  let pending: Buffer = EMPTY; // unparsed header or trailer bytes
  let inflater: Transform | undefined;
  let fed: { bytes: Buffer; end: number }[] = []; // pieces given to the inflater, not yet known used
  let fedTotal = 0;
  let before = 0; // input bytes used before the current member's deflate data
  let memberOut = 0;
  let firstMember = true;
  let paused = false;
  let inputEnded = false;

  const used = (): number =>
    before + (inflater === undefined ? 0 : (inflater as Zlib.InflateRaw).bytesWritten);

  function fail(message: string, code: string): void {
    if (state === 'failed') return;
    const at = used();
    state = 'failed';
    out.corrupt(message, code, at);
  }

  /** headerLength: the length of the gzip header at the start of `b`, -1 if incomplete, or an error. */
  function headerLength(b: Buffer): number | string {
    if (b.length > 0 && b[0] !== 0x1f) return 'incorrect header check';
    if (b.length > 1 && b[1] !== 0x8b) return 'incorrect header check';
    if (b.length > 2 && b[2] !== 8) return 'unknown compression method';
    if (b.length > 3 && ((b[3] as number) & 0xe0) !== 0) return 'unknown header flags set';
    if (b.length < 10) return -1;
    const flags = b[3] as number;
    let p = 10;
    if ((flags & 4) !== 0) {
      if (b.length < p + 2) return -1;
      p += 2 + b.readUInt16LE(p);
    }
    for (const bit of [8, 16]) {
      if ((flags & bit) === 0) continue;
      if (b.length <= p) return -1;
      const nul = b.indexOf(0, p);
      if (nul < 0) return -1;
      p = nul + 1;
    }
    if ((flags & 2) !== 0) p += 2;
    return b.length >= p ? p : -1;
  }

  function startMember(): void {
    const z = zlib.createInflateRaw({ chunkSize });
    inflater = z;
    fed = [];
    fedTotal = 0;
    memberOut = 0;
    state = 'body';
    z.on('data', (c: Buffer) => {
      memberOut += c.length;
      out.slice(c, c.byteOffset === 0 && c.length === c.buffer.byteLength);
    });
    z.on('error', (e: Error & { code?: string }) => fail(e.message, e.code ?? 'Z_DATA_ERROR'));
    z.on('end', () => memberEnd(z));
    if (paused) z.pause();
  }

  function memberEnd(z: Transform): void {
    if (state !== 'body' || inflater !== z) return;
    const took = (z as Zlib.InflateRaw).bytesWritten;
    const rest: Buffer[] = [];
    for (const piece of fed) {
      const start = piece.end - piece.bytes.length;
      if (piece.end > took) rest.push(piece.bytes.subarray(Math.max(0, took - start)));
    }
    before += took;
    inflater = undefined;
    fed = [];
    state = 'trailer';
    pending = rest.length === 1 ? (rest[0] as Buffer) : Buffer.concat(rest);
    parse();
    if (inputEnded) settle();
  }

  /** settle runs once the input has ended: a member still open gets its end, else the verdict. */
  function settle(): void {
    if (state === 'body') inflater?.end();
    else finish();
  }

  function toInflater(bytes: Buffer, done: () => void): void {
    const z = inflater as Transform;
    fedTotal += bytes.length;
    fed.push({ bytes, end: fedTotal });
    z.write(bytes, () => {
      if (inflater === z) {
        const took = (z as Zlib.InflateRaw).bytesWritten;
        while (fed.length > 0 && (fed[0] as { end: number }).end <= took) fed.shift();
      }
      done();
    });
  }

  function parse(): void {
    for (;;) {
      if (state === 'trailer') {
        if (pending.length < 8) return;
        if (pending.readUInt32LE(4) !== memberOut % 0x100000000)
          return fail('incorrect length check', 'Z_DATA_ERROR');
        before += 8;
        pending = pending.subarray(8);
        state = 'header';
        firstMember = false;
      }
      if (state !== 'header' || pending.length === 0) return;
      if (!firstMember && pending[0] === 0) {
        state = 'ignore';
        pending = EMPTY;
        return;
      }
      const n = headerLength(pending);
      if (typeof n === 'string') return fail(n, 'Z_DATA_ERROR');
      if (n < 0) return;
      before += n;
      const rest = pending.subarray(n);
      pending = EMPTY;
      startMember();
      if (rest.length > 0) toInflater(rest, () => {});
      return;
    }
  }

  function finish(): void {
    if (state === 'failed') return;
    if (state === 'trailer' || (state === 'header' && pending.length > 0)) {
      fail('unexpected end of file', 'Z_BUF_ERROR');
      return;
    }
    out.end(0, before);
  }

  return {
    write(bytes, done) {
      const own = Buffer.from(bytes); // the caller's buffer goes back once done is called
      if (state === 'body') return toInflater(own, done);
      if (state === 'header' || state === 'trailer') {
        pending = pending.length === 0 ? own : Buffer.concat([pending, own]);
        parse();
      }
      done();
    },
    end() {
      inputEnded = true;
      settle();
    },
    pause() {
      paused = true;
      inflater?.pause();
    },
    resume() {
      paused = false;
      inflater?.resume();
    },
  };
}
