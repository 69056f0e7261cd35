/**
 * Worker sessions: one stream of bytes handed to a worker thread, and whatever it sends back
 * yielded in order — the main thread's side of the decoders (decode-worker.ts), kept apart from
 * what the messages mean.
 *
 * Input: the bytes are copied into 4 MiB batches and transferred ({ input: ArrayBuffer, length }),
 * at most MAX_INPUT_BYTES not yet taken by the worker, which says so with { decoded }, carrying
 * the batch's buffer back for reuse once it is done with it. Then
 * { end: true }. Workers are pooled per key and kept (unreferenced, so they never hold the process
 * open) once a session ended cleanly; a session that fails or is stopped early terminates its worker.
 */
import type { Worker } from 'node:worker_threads';

// Compressed bytes go to the worker in messages of this size (the last one shorter), at most
// MAX_INPUT_BYTES of them not yet taken.
const INPUT_BATCH = 4 * 1024 * 1024;
const MAX_INPUT_BYTES = 2 * INPUT_BATCH;
// Input buffers kept for reuse per session.
const MAX_SPARE = 4;
// Idle workers kept per key.
const MAX_IDLE = 4;

/** SessionStep is what one message from the worker means to the session. */
export interface SessionStep<T> {
  /** items to yield, in order */
  items?: T[];
  /** the worker has finished the stream cleanly */
  done?: boolean;
}

/** WorkerSessionOptions describe one session. */
export interface WorkerSessionOptions<T> {
  /** pool key: workers made by `create` for the same key are interchangeable */
  key: string;
  create: () => Worker;
  /** the first message, starting the stream */
  start: unknown;
  source: AsyncIterable<Uint8Array>;
  /** interprets a message from the worker (other than { decoded }); may throw to fail the session */
  onMessage: (message: unknown, worker: Worker) => SessionStep<T>;
  /** called after each item the consumer took */
  onConsumed?: (worker: Worker) => void;
  /** a worker leased for this session ahead of time (leaseWorker with the same key) */
  lease?: WorkerLease;
}

/**
 * WorkerLease is a worker taken from the pool, or started, before its session can begin: a worker
 * takes tens of milliseconds to start, which can overlap with reading the first bytes.
 */
export interface WorkerLease {
  key: string;
  worker: Worker;
  /** the worker's error, if it failed before its session began */
  failed?: unknown;
}

const idle = new Map<string, Worker[]>();

function takeWorker(key: string, create: () => Worker): Worker {
  const worker = idle.get(key)?.pop();
  if (worker === undefined) return create();
  worker.ref();
  return worker;
}

function keepWorker(key: string, worker: Worker): void {
  // only ours: the Worker's own newListener/removeListener hooks start and stop its message port
  worker.removeAllListeners('message');
  worker.removeAllListeners('error');
  const pool = idle.get(key) ?? [];
  idle.set(key, pool);
  if (pool.length >= MAX_IDLE) {
    void worker.terminate();
    return;
  }
  worker.unref();
  pool.push(worker);
}

/** leaseWorker takes an idle worker of `key`, or starts one, for a session about to begin. */
export function leaseWorker(key: string, create: () => Worker): WorkerLease {
  const lease: WorkerLease = { key, worker: takeWorker(key, create) };
  // kept for the session: an 'error' event nobody listens to would crash the process
  lease.worker.once('error', (e) => (lease.failed ??= e));
  return lease;
}

/** returnLease gives back a leased worker whose session did not happen. */
export function returnLease(lease: WorkerLease): void {
  keepWorker(lease.key, lease.worker);
}

/** Events the session waits for: the worker's messages, its crash, or the source's error. */
type SessionEvent = { message: unknown } | { failed: unknown };

/**
 * runWorkerSession pumps `source` to a worker and yields what its messages mean. Errors of
 * `source` pass through unchanged, as does a worker's crash.
 */
export async function* runWorkerSession<T>(opts: WorkerSessionOptions<T>): AsyncGenerator<T> {
  const worker = opts.lease?.worker ?? takeWorker(opts.key, opts.create);
  const events: SessionEvent[] = [];
  let wake: (() => void) | undefined;
  let inputWake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const notifyInput = (): void => {
    const w = inputWake;
    inputWake = undefined;
    w?.();
  };
  const inFlight: number[] = []; // sizes of the batches sent and not yet taken
  let inFlightBytes = 0;
  const spare: ArrayBuffer[] = [];
  worker.on('message', (message: unknown) => {
    const decoded = (message as { decoded?: ArrayBuffer }).decoded;
    if (decoded === undefined) {
      events.push({ message });
      notify();
      return;
    }
    inFlightBytes -= inFlight.shift() ?? 0;
    if (spare.length < MAX_SPARE) spare.push(decoded);
    notifyInput();
  });
  worker.on('error', (e) => {
    events.push({ failed: e });
    notify();
  });
  if (opts.lease?.failed !== undefined) events.push({ failed: opts.lease.failed });
  worker.postMessage(opts.start);
  let stopped = false;
  let clean = false;
  let batch: ArrayBuffer | undefined; // bytes gathered for the next message
  let filled = 0;
  const send = (): void => {
    if (batch === undefined || filled === 0) return;
    worker.postMessage({ input: batch, length: filled }, [batch]);
    inFlight.push(filled);
    inFlightBytes += filled;
    batch = undefined;
    filled = 0;
  };
  const pump = async (): Promise<void> => {
    for await (const chunk of opts.source) {
      for (let at = 0; at < chunk.length && !stopped;) {
        batch ??= spare.pop() ?? new ArrayBuffer(INPUT_BATCH);
        const n = Math.min(chunk.length - at, INPUT_BATCH - filled);
        new Uint8Array(batch, filled, n).set(chunk.subarray(at, at + n));
        filled += n;
        at += n;
        if (filled < INPUT_BATCH) continue;
        send();
        while (inFlightBytes >= MAX_INPUT_BYTES && !stopped) await new Promise<void>((r) => (inputWake = r));
      }
      if (stopped) return;
    }
    send();
    worker.postMessage({ end: true });
  };
  pump().catch((e: unknown) => {
    events.push({ failed: e });
    notify();
  });
  try {
    for (;;) {
      const e = events.shift();
      if (e === undefined) {
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      if ('failed' in e) throw e.failed;
      const step = opts.onMessage(e.message, worker);
      for (const item of step.items ?? []) {
        yield item;
        opts.onConsumed?.(worker);
      }
      if (step.done === true) {
        clean = true;
        return;
      }
    }
  } finally {
    // Stopped early or failed: the pump stops (closing the source) and the worker goes.
    stopped = true;
    notifyInput();
    if (clean) keepWorker(opts.key, worker);
    else void worker.terminate();
  }
}
