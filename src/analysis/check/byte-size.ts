/**
 * parseByteSize: byte sizes as people write them in configs — `20MB`, `1.5 GiB`, `512k`, `1000` —
 * with the semantics of go-humanize's ParseBytes (what dive's `.dive-ci` uses): SI units are powers
 * of 1000, IEC units (KiB, Mi…) powers of 1024, case-insensitive, a bare number is bytes.
 */

const UNITS: Record<string, number> = { '': 1, b: 1 };
['k', 'm', 'g', 't', 'p', 'e'].forEach((p, i) => {
  const si = 1000 ** (i + 1);
  const iec = 1024 ** (i + 1);
  UNITS[p] = si;
  UNITS[`${p}b`] = si;
  UNITS[`${p}i`] = iec;
  UNITS[`${p}ib`] = iec;
});

/** parseByteSize returns the byte count `text` names, or undefined when it is not a size. */
export function parseByteSize(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? Math.floor(text) : undefined;
  const m = /^\s*([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (m === null) return undefined;
  const unit = UNITS[(m[2] ?? '').toLowerCase()];
  const n = Number((m[1] ?? '').replace(/,/g, ''));
  if (unit === undefined || !Number.isFinite(n)) return undefined;
  return Math.floor(n * unit);
}
