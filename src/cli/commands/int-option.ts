/**
 * intOption: reads a non-negative integer option value, or throws a usage error naming the option.
 */
import { StowageError } from '../../model/errors.js';

/** intOption parses `value` (a string option) as an integer ≥ 0, `fallback` when absent. */
export function intOption(value: unknown, name: string, fallback: number): number;
export function intOption(value: unknown, name: string, fallback?: undefined): number | undefined;
export function intOption(value: unknown, name: string, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new StowageError('USAGE', `--${name} ${String(value)} is not a whole number`, {
      hint: `give --${name} a number such as 10`,
    });
  }
  return n;
}
