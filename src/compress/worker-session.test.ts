import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { leaseWorker, returnLease, runWorkerSession } from './worker-session.js';

// A worker that answers each { input } with its length and { end } with done.
const ECHO = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.input !== undefined) {
    parentPort.postMessage({ length: m.length });
    parentPort.postMessage({ decoded: m.input }, [m.input]);
  } else if (m.end === true) parentPort.postMessage({ done: true });
});
`;

async function* bytes(n: number): AsyncGenerator<Buffer> {
  yield Buffer.alloc(n, 1);
}

function session(key: string, lease?: ReturnType<typeof leaseWorker>): Promise<number[]> {
  const items: number[] = [];
  const run = async () => {
    for await (const n of runWorkerSession<number>({
      key,
      create: () => new Worker(ECHO, { eval: true }),
      lease,
      start: {},
      source: bytes(1000),
      onMessage: (m) => {
        const { length, done } = m as { length?: number; done?: boolean };
        return length === undefined ? { done: done === true } : { items: [length] };
      },
    }))
      items.push(n);
    return items;
  };
  return run();
}

describe('worker leases', () => {
  it('a session runs on the worker leased for it', async () => {
    const lease = leaseWorker('echo-a', () => new Worker(ECHO, { eval: true }));
    expect(await session('echo-a', lease)).toEqual([1000]);
  });

  it('a returned lease goes back to the pool and serves the next session', async () => {
    let started = 0;
    const create = () => {
      started++;
      return new Worker(ECHO, { eval: true });
    };
    returnLease(leaseWorker('echo-b', create));
    const again = leaseWorker('echo-b', create);
    expect(started).toBe(1);
    expect(await session('echo-b', again)).toEqual([1000]);
  });

  it('a leased worker that failed before its session fails the session with its error', async () => {
    const lease = leaseWorker('boom', () => new Worker('throw new Error("boom at start")', { eval: true }));
    await new Promise((exited) => lease.worker.on('exit', exited));
    await expect(session('boom', lease)).rejects.toThrow('boom at start');
  });
});
