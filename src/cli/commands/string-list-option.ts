/**
 * stringListOption: reads a repeatable string option's values as a list.
 */

/** stringListOption returns the strings of `value` (one value or many), `[]` when absent. */
export function stringListOption(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((x): x is string => typeof x === 'string');
}
