/**
 * Property: random header mutations of a small layer — sizes on header-only types, numeric fields
 * padded with NULs and spaces or written in base-256, other typeflags, `..`/`.`/absolute names,
 * stale checksums — give either the listing `umoci unpack` writes or a clear error (exit 2), never a
 * different listing with exit 0 and never an internal error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithTools } from '../helpers/tools.js';
import { archive, header, padded, withChecksum, type Header } from './craft.js';
import { layoutWith, stowageTree, umociRootfs } from './umoci-oracle.js';

/** BASE is the layer every mutation starts from: [header, data]. */
const BASE: [Header, string][] = [
  [{ name: 'etc/', type: '5', mode: 0o755 }, ''],
  [{ name: 'etc/link', type: '2', mode: 0o777, linkname: 'passwd' }, ''],
  [{ name: 'etc/passwd', mode: 0o644 }, 'root:x:0:0::/root:/bin/sh\n'],
  [{ name: 'etc/fifo', type: '6', mode: 0o600 }, ''],
  [{ name: 'etc/later', mode: 0o640, uid: 1000 }, 'later\n'],
];

const NUMERIC = ['mode', 'uid', 'gid', 'size'] as const;

/** encodings of a numeric field's value that Go reads as the same number (or rejects) */
function encode(value: number, length: number, style: string): Buffer {
  const octal = value.toString(8);
  const field = Buffer.alloc(length);
  switch (style) {
    case 'nul-led':
      field.write(octal, length - 1 - octal.length, 'latin1');
      return field;
    case 'space-led':
      field.write(`${octal.padStart(length - 2, ' ')} `, 0, 'latin1');
      return field;
    case 'base256':
      field.writeUIntBE(value, length - 6, 6);
      field[0] = 0x80;
      return field;
    default: // 'inner-space': Go rejects it
      field.write(`${octal.slice(0, 1)} ${octal.slice(1)}`, 0, 'latin1');
      return field;
  }
}

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('size' as const),
    blocks: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('numeric' as const),
    field: fc.constantFrom(...NUMERIC),
    style: fc.constantFrom('nul-led', 'space-led', 'base256', 'inner-space'),
  }),
  fc.record({ kind: fc.constant('type' as const), type: fc.constantFrom('0', '2', '5', '6', '7', '\0') }),
  fc.record({
    kind: fc.constant('name' as const),
    prefix: fc.constantFrom('../', './', '/', 'x/../', 'etc/../../', '//'),
  }),
  fc.record({ kind: fc.constant('stale-checksum' as const) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** layerWith renders BASE with `mutations` applied, each to the member it names. */
function layerWith(mutations: [number, Mutation][]): Buffer {
  const parts = BASE.map(([h, data], index) => {
    const mine = mutations.filter(([i]) => i === index).map(([, m]) => m);
    const fields: Header = { ...h, size: data.length };
    const body = Buffer.from(data);
    for (const m of mine) {
      if (m.kind === 'size') fields.size = m.blocks * 512;
      if (m.kind === 'type') fields.type = m.type;
      if (m.kind === 'name') fields.name = `${m.prefix}${String(fields.name)}`;
      if (m.kind === 'numeric') {
        const length = m.field === 'size' ? 12 : 8;
        const value =
          m.field === 'size' ? body.length : Number(h[m.field] ?? (m.field === 'mode' ? 0o644 : 0));
        fields[m.field] = encode(value, length, m.style);
      }
    }
    const block = header(fields);
    if (mine.some((m) => m.kind === 'stale-checksum')) block[0] = (block[0] as number) ^ 0x01;
    else withChecksum(block);
    return Buffer.concat([block, padded(body)]);
  });
  return archive(parts);
}

let work: string;
let runs = 0;

describeWithTools('random header mutations: umoci’s listing or a clear error', ['umoci'], () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'stowage-umoci-mutations-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('never a different listing with exit 0', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: BASE.length - 1 }), mutation), {
          minLength: 1,
          maxLength: 3,
        }),
        async (mutations) => {
          const dir = join(work, `run-${runs++}`);
          const image = await layoutWith(dir, [layerWith(mutations)]);
          const umoci = await umociRootfs(dir, image);
          const ours = await stowageTree(image);
          expect(ours.stderr).not.toMatch(/internal error/);
          if (ours.code !== 0) {
            expect(ours.code).toBe(2);
            expect(ours.stderr).toMatch(/^stowage: error: .+\(.+\)/m);
            return;
          }
          if (!('error' in umoci)) expect(ours.nodes).toEqual(umoci.nodes);
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
