/**
 * dive's `.dive-ci`, read as dive reads it: YAML with a `rules:` mapping of lowestEfficiency,
 * highestWastedBytes and highestUserWastedPercent; a rule whose value is `disabled` is skipped; a rule
 * the file leaves out takes dive's default (0.9, disabled, 0.1). Values out of dive's ranges are a
 * configuration error, as in dive (which reports "CI Misconfigured").
 */
import { parse as parseYaml } from 'yaml';
import { StowageError } from '../../model/errors.js';
import { validateDiveRules, type DiveRules } from './check-config.js';

/** DIVE_DEFAULTS are dive's defaults for rules a `.dive-ci` leaves out. */
export const DIVE_DEFAULTS: Required<DiveRules> = {
  lowestEfficiency: 0.9,
  highestWastedBytes: 'disabled',
  highestUserWastedPercent: 0.1,
};

/** parseDiveCi reads the text of a `.dive-ci` file named `file`. */
export function parseDiveCi(text: string, file = '.dive-ci'): Required<DiveRules> {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new StowageError('USAGE', 'dive CI configuration is not valid YAML', {
      where: { file },
      hint: 'fix the YAML syntax',
      cause: e,
    });
  }
  if (doc === null || doc === undefined) return { ...DIVE_DEFAULTS };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new StowageError('USAGE', 'dive CI configuration must be a mapping with a `rules:` key', {
      where: { file },
      hint: 'see dive’s README, "CI Integration"',
    });
  }
  const rules = (doc as Record<string, unknown>).rules;
  return {
    ...DIVE_DEFAULTS,
    ...(rules === undefined || rules === null ? {} : validateDiveRules(rules, `${file}: rules`)),
  };
}
