/**
 * Off-thread hashing: sha256 of a gigabyte layer costs the main thread about a second, time it
 * needs for tar parsing and file hashes. OffThreadHash copies bytes into 1 MiB batches and hands
 * them to one shared worker thread, which keeps a hash per stream; a stream shorter than one batch
 * is hashed in-thread and never wakes the worker. The worker is plain JavaScript passed as a string
 * (`eval: true`), so the same code runs from dist/ and from the TypeScript sources under vitest.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** HASH_BATCH_BYTES is the size of each batch sent to the worker. */
export const HASH_BATCH_BYTES = 1024 * 1024;

/** MAX_IN_FLIGHT batches may wait in the worker before update() asks the producer to wait. */
const MAX_IN_FLIGHT = 8;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'update') {
    let h = hashes.get(m.id);
    if (h === undefined) hashes.set(m.id, (h = createHash(m.alg)));
    h.update(new Uint8Array(m.data, 0, m.length));
    parentPort.postMessage({ id: m.id, data: m.data }, [m.data]);
  } else if (m.op === 'end') {
    const h = hashes.get(m.id) ?? createHash(m.alg);
    hashes.delete(m.id);
    parentPort.postMessage({ id: m.id, hex: h.digest('hex') });
  } else if (m.op === 'abort') {
    hashes.delete(m.id);
  }
});
`;

interface Session {
  /** acked: called when the worker has hashed one batch, with the batch's memory handed back */
  acked(data: ArrayBuffer): void;
  done(hex: string): void;
  failed(error: unknown): void;
}

/** HashThread owns the shared worker; it is referenced only while a stream is being hashed. */
class HashThread {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private readonly sessions = new Map<number, Session>();
  private nextId = 1;

  constructor() {
    this.worker.unref();
    this.worker.on('message', (m: { id: number; hex?: string; data?: ArrayBuffer }) => {
      const s = this.sessions.get(m.id);
      if (s === undefined) return;
      if (m.data !== undefined) s.acked(m.data);
      else if (m.hex !== undefined) {
        this.close(m.id);
        s.done(m.hex);
      }
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`hash worker exited with code ${code}`)));
  }

  open(s: Session): number {
    const id = this.nextId++;
    if (this.sessions.size === 0) this.worker.ref();
    this.sessions.set(id, s);
    return id;
  }

  close(id: number): void {
    if (this.sessions.delete(id) && this.sessions.size === 0) this.worker.unref();
  }

  post(message: object, transfer?: ArrayBuffer[]): void {
    this.worker.postMessage(message, transfer);
  }

  private failAll(e: unknown): void {
    if (thread === this) thread = undefined;
    for (const [id, s] of [...this.sessions]) {
      this.close(id);
      s.failed(e);
    }
  }
}

let thread: HashThread | undefined;

/**
 * OffThreadHash hashes a stream of chunks on the shared worker thread. Call update() for each
 * chunk, waiting when it returns a promise (the worker is behind), then digest(); or abort().
 */
export class OffThreadHash {
  private batch = new Uint8Array(HASH_BATCH_BYTES);
  /** batches the worker handed back, reused so that no fresh memory is touched per megabyte */
  private readonly spare: ArrayBuffer[] = [];
  private fill = 0;
  private id = 0;
  private inFlight = 0;
  private wake: (() => void) | undefined;
  private result: Promise<string> | undefined;
  private settle: { resolve(hex: string): void; reject(e: unknown): void } | undefined;
  private error: { e: unknown } | undefined;

  constructor(private readonly alg: string) {}

  /** update adds a chunk; the bytes are copied, so the caller may reuse it at once. */
  update(chunk: Uint8Array): Promise<void> | undefined {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(chunk.length - at, this.batch.length - this.fill);
      this.batch.set(chunk.subarray(at, at + n), this.fill);
      this.fill += n;
      at += n;
      if (this.fill === this.batch.length) this.send();
    }
    if (this.error !== undefined) throw this.error.e;
    return this.inFlight >= MAX_IN_FLIGHT ? new Promise<void>((r) => (this.wake = r)) : undefined;
  }

  /** digest returns the hex digest of everything added. */
  digest(): Promise<string> {
    if (this.error !== undefined) return Promise.reject(this.error.e);
    if (this.id === 0) {
      // Never reached a full batch: hashing here is cheaper than a round trip.
      return Promise.resolve(createHash(this.alg).update(this.batch.subarray(0, this.fill)).digest('hex'));
    }
    if (this.fill > 0) this.send();
    const result = this.result!;
    this.shared().post({ op: 'end', id: this.id, alg: this.alg });
    return result;
  }

  /** abort drops the stream's hash in the worker (the consumer stopped early or failed). */
  abort(): void {
    if (this.id === 0 || thread === undefined) return;
    thread.post({ op: 'abort', id: this.id });
    thread.close(this.id);
    this.id = 0;
  }

  private shared(): HashThread {
    thread ??= new HashThread();
    return thread;
  }

  private send(): void {
    const t = this.shared();
    if (this.id === 0) {
      this.result = new Promise<string>((resolve, reject) => (this.settle = { resolve, reject }));
      this.result.catch(() => {}); // surfaced by update() or digest()
      this.id = t.open({
        acked: (data) => {
          this.spare.push(data);
          this.inFlight--;
          this.wakeUp();
        },
        done: (hex) => this.settle?.resolve(hex),
        failed: (e) => {
          this.error = { e };
          this.settle?.reject(e);
          this.wakeUp();
        },
      });
    }
    const data = this.batch.buffer as ArrayBuffer;
    t.post({ op: 'update', id: this.id, alg: this.alg, data, length: this.fill }, [data]);
    this.inFlight++;
    const reuse = this.spare.pop();
    this.batch = reuse !== undefined ? new Uint8Array(reuse) : new Uint8Array(HASH_BATCH_BYTES);
    this.fill = 0;
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}
