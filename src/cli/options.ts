/**
 * Option definitions: one description serves node:util parseArgs and the help text.
 */
import type { ParseArgsConfig } from 'node:util';

/** OptionDef describes one command-line option. */
export interface OptionDef {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** placeholder shown in help for string options, e.g. FORMAT */
  valueName?: string;
  description: string;
}

/** ParsedValues is what parseArgs returns for the defined options. */
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** toParseArgsOptions converts definitions to parseArgs' `options` object. */
export function toParseArgsOptions(defs: readonly OptionDef[]): NonNullable<ParseArgsConfig['options']> {
  const out: NonNullable<ParseArgsConfig['options']> = {};
  for (const d of defs) {
    out[d.name] = {
      type: d.type,
      ...(d.short !== undefined && { short: d.short }),
      ...(d.multiple === true && { multiple: true }),
    };
  }
  return out;
}

/** formatOptionHelp lists options as aligned `  -s, --name VALUE  description` lines. */
export function formatOptionHelp(defs: readonly OptionDef[]): string {
  const left = defs.map((d) => {
    const flag = `${d.short !== undefined ? `-${d.short}, ` : '    '}--${d.name}`;
    return d.type === 'string' ? `${flag} ${d.valueName ?? 'VALUE'}` : flag;
  });
  const width = Math.max(...left.map((l) => l.length));
  return defs.map((d, i) => `  ${(left[i] ?? '').padEnd(width)}  ${d.description}\n`).join('');
}
