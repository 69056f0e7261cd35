/**
 * The `check` configuration: thresholds for the CI gate, path ignore globs, the base image, and
 * dive's three rules. Read from the `check:` section of stowage.yaml; every threshold also takes the
 * value `disabled` (as in dive), which turns it off.
 */
import { StowageError } from '../../model/errors.js';
import { parseByteSize } from './byte-size.js';

/** EfficiencyMetric chooses whose efficiency `minEfficiency` judges. */
export type EfficiencyMetric = 'stowage' | 'dive';

/** DiveRules are dive's `.dive-ci` rules; undefined = not configured, 'disabled' = skipped. */
export interface DiveRules {
  /** fail when dive's efficiency is below this ratio (0–1) */
  lowestEfficiency?: number | 'disabled';
  /** fail when dive's wasted bytes exceed this */
  highestWastedBytes?: number | 'disabled';
  /** fail when dive's wasted bytes / bytes above layer 0 exceed this ratio (0–1) */
  highestUserWastedPercent?: number | 'disabled';
}

/** CheckConfig is every setting of the gate; undefined thresholds are not checked. */
export interface CheckConfig {
  /** lowest acceptable efficiency (0–1) */
  minEfficiency?: number | 'disabled';
  /** 'stowage' (default): 1 − reclaimable / layer file bytes; 'dive': dive's efficiency */
  efficiencyMetric?: EfficiencyMetric;
  maxReclaimableBytes?: number | 'disabled';
  /** percent (0–100) of the judged layers' file bytes */
  maxReclaimablePercent?: number | 'disabled';
  /** compressed (stored) image size */
  maxImageSize?: number | 'disabled';
  /** Σ file content bytes over all layers */
  maxUncompressedSize?: number | 'disabled';
  maxLayers?: number | 'disabled';
  /** picomatch globs of paths whose waste is not judged */
  ignore?: string[];
  /** base image whose layers are not judged */
  base?: string;
  dive?: DiveRules;
}

const KEYS = [
  'minEfficiency',
  'efficiencyMetric',
  'maxReclaimableBytes',
  'maxReclaimablePercent',
  'maxImageSize',
  'maxUncompressedSize',
  'maxLayers',
  'ignore',
  'base',
  'dive',
] as const;

function invalid(where: string, key: string, value: unknown, expected: string): StowageError {
  return new StowageError('USAGE', `${where}.${key}: ${JSON.stringify(value)} is not ${expected}`, {
    where: { file: where.split(':')[0] ?? where },
    hint: `give ${key} ${expected}, or 'disabled'`,
  });
}

/** ratioValue reads a ratio 0–1 (`0.9`, `"90%"`) or 'disabled'. */
export function ratioValue(value: unknown, where: string, key: string): number | 'disabled' {
  if (value === 'disabled') return value;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /%\s*$/.test(value)
        ? Number(value.replace(/%\s*$/, '')) / 100
        : Number(value);
  if (typeof value === 'boolean' || value === null || value === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw invalid(where, key, value, 'a ratio from 0 to 1 (e.g. 0.9 or "90%")');
  return n;
}

/** percentValue reads a percentage 0–100 (`10`, `"10%"`) or 'disabled'. */
export function percentValue(value: unknown, where: string, key: string): number | 'disabled' {
  if (value === 'disabled') return value;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? Number(value.replace(/%\s*$/, ''))
        : Number.NaN;
  if (value === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw invalid(where, key, value, 'a percentage from 0 to 100');
  return n;
}

/** bytesValue reads a size (`20MB`, `1GiB`, `1000`) or 'disabled'. */
export function bytesValue(value: unknown, where: string, key: string): number | 'disabled' {
  if (value === 'disabled') return value;
  const n = typeof value === 'number' || typeof value === 'string' ? parseByteSize(value) : undefined;
  if (n === undefined) throw invalid(where, key, value, 'a size such as 20MB, 1.5GiB or 1000');
  return n;
}

/** countValue reads a whole number or 'disabled'. */
export function countValue(value: unknown, where: string, key: string): number | 'disabled' {
  if (value === 'disabled') return value;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw invalid(where, key, value, 'a whole number');
  return n;
}

function mapping(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StowageError('USAGE', `${where} must be a mapping of settings`, {
      where: { file: where.split(':')[0] ?? where },
      hint: 'write the settings as `key: value` lines under it',
    });
  }
  return value as Record<string, unknown>;
}

/** validateDiveRules checks dive's three rule values (dive's names and ranges). */
export function validateDiveRules(value: unknown, where: string): DiveRules {
  const o = mapping(value, where);
  const out: DiveRules = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'lowestEfficiency') out.lowestEfficiency = ratioValue(v, where, k);
    else if (k === 'highestWastedBytes') out.highestWastedBytes = bytesValue(v, where, k);
    else if (k === 'highestUserWastedPercent') out.highestUserWastedPercent = ratioValue(v, where, k);
    else
      throw new StowageError('USAGE', `${where}: unknown dive rule "${k}"`, {
        where: { file: where.split(':')[0] ?? where },
        hint: 'dive’s rules are lowestEfficiency, highestWastedBytes and highestUserWastedPercent',
      });
  }
  return out;
}

/** validateCheckConfig checks the `check:` section of stowage.yaml; `where` names it in errors. */
export function validateCheckConfig(value: unknown, where = 'stowage.yaml: check'): CheckConfig {
  if (value === undefined || value === null) return {};
  const o = mapping(value, where);
  const out: CheckConfig = {};
  for (const [k, v] of Object.entries(o)) {
    switch (k as (typeof KEYS)[number]) {
      case 'minEfficiency':
        out.minEfficiency = ratioValue(v, where, k);
        break;
      case 'efficiencyMetric':
        if (v !== 'stowage' && v !== 'dive') throw invalid(where, k, v, '"stowage" or "dive"');
        out.efficiencyMetric = v;
        break;
      case 'maxReclaimableBytes':
      case 'maxImageSize':
      case 'maxUncompressedSize':
        out[k as 'maxImageSize'] = bytesValue(v, where, k);
        break;
      case 'maxReclaimablePercent':
        out.maxReclaimablePercent = percentValue(v, where, k);
        break;
      case 'maxLayers':
        out.maxLayers = countValue(v, where, k);
        break;
      case 'ignore':
        if (!Array.isArray(v) || !v.every((g) => typeof g === 'string' && g !== ''))
          throw invalid(where, k, v, 'a list of glob strings');
        out.ignore = v as string[];
        break;
      case 'base':
        if (typeof v !== 'string' || v === '') throw invalid(where, k, v, 'an image reference');
        out.base = v;
        break;
      case 'dive':
        out.dive = validateDiveRules(v, `${where}.dive`);
        break;
      default:
        throw new StowageError('USAGE', `${where}: unknown setting "${k}"`, {
          where: { file: where.split(':')[0] ?? where },
          hint: `the settings are ${KEYS.join(', ')}`,
        });
    }
  }
  return out;
}
