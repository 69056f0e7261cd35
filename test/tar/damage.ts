/**
 * Random damage to a tar archive for the property tests: bit flips (anywhere, or within three
 * blocks of a header), truncation and inserted bytes, as a fast-check arbitrary and its application.
 */
import fc from 'fast-check';

/** damage is one random change to an archive; positions are taken modulo the archive's length. */
export const damage = fc.oneof(
  fc.record({
    op: fc.constant('flip' as const),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 7 }),
    nearHeader: fc.boolean(),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }),
  }),
);

/** Damage is a value of `damage`. */
export type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

/** applyDamages returns a damaged copy of `archive`; `headers` are its header offsets. */
export function applyDamages(archive: Uint8Array, headers: number[], damages: Damage[]): Buffer {
  let data = Buffer.from(archive);
  for (const d of damages) {
    if (d.op === 'flip') {
      const i = (d.nearHeader ? headers[d.at % headers.length]! + (d.at % 1536) : d.at) % data.length;
      data[i] = data[i]! ^ (1 << d.bit);
    } else if (d.op === 'truncate') {
      data = data.subarray(0, d.at % data.length);
    } else {
      const i = d.at % data.length;
      data = Buffer.concat([data.subarray(0, i), d.bytes, data.subarray(i)]);
    }
  }
  return data;
}
