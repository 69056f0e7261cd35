// xorshift32: a small seeded generator, so generated bench fixtures are the same on every machine.

/** xorshift32 returns a function yielding numbers in [0, 1) from `seed`. */
export function xorshift32(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0) / 0x1_0000_0000;
  };
}
