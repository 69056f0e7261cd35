/**
 * One long-running `git cat-file --batch` process: blobs are requested by object id and answered in
 * order, so reading many files of many revisions costs one process.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { StowageError } from '../../model/errors.js';

interface Pending {
  oid: string;
  resolve(data: Buffer): void;
  reject(e: Error): void;
}

/** GitBatch reads objects through `git cat-file --batch` run in `dir`. */
export class GitBatch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private buffer = Buffer.alloc(0);

  constructor(private readonly dir: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: dir });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    this.child.on('error', (e) => this.failAll(e));
    this.child.on('close', () => this.failAll(new Error('git cat-file exited')));
  }

  /** read returns the object's content. */
  read(oid: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ oid, resolve, reject });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  /** close ends the process. */
  close(): void {
    this.child.stdin.end();
  }

  private drain(): void {
    for (;;) {
      const head = this.queue[0];
      const nl = this.buffer.indexOf(0x0a);
      if (head === undefined || nl === -1) return;
      const header = this.buffer.subarray(0, nl).toString('utf8');
      if (header.endsWith(' missing')) {
        this.queue.shift();
        this.buffer = this.buffer.subarray(nl + 1);
        head.reject(
          new StowageError('NOT_FOUND', `git object ${head.oid} is missing`, { where: { file: this.dir } }),
        );
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (this.buffer.length < nl + 1 + size + 1) return;
      const data = Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + size));
      this.buffer = this.buffer.subarray(nl + 1 + size + 1);
      this.queue.shift();
      head.resolve(data);
    }
  }

  private failAll(e: Error): void {
    for (const p of this.queue.splice(0)) p.reject(e);
  }
}
