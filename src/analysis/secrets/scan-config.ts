/**
 * scanConfig: secrets in the image config (Env, Labels, Cmd, Entrypoint) and the history
 * (`created_by`, including the `RUN |N KEY=VALUE …` prefix that records build arguments). A config
 * value that a history step also shows is reported once, tied to that step.
 */
import { alignHistory, type HistoryStep, type ImageConfig } from '../../model/config.js';
import { declaredArgNames, parseBuildArgs } from './build-args.js';
import { contentRules, matchText } from './match-text.js';
import type { SecretRule } from './rule.js';
import { CONFIG_RULES } from './rules/index.js';
import { isPlausibleSecretValue, isSensitiveName, splitAssignment } from './sensitive-name.js';

/** ConfigMatch is a secret found in the config or the history. */
export interface ConfigMatch {
  source: 'config' | 'history';
  /** e.g. `config.Env[2]`, `config.Labels.token`, `history[4].created_by` */
  field: string;
  rule: SecretRule;
  secret: string;
  /** the history step that set the value or ran the command (for history: the first showing it) */
  step: HistoryStep | undefined;
  /** how many history entries show this secret (build args repeat on every later RUN) */
  occurrences: number;
}

/** scanConfig scans the config and history of an image with `layerCount` layers. */
export function scanConfig(
  config: ImageConfig,
  layerCount: number,
  rules: readonly SecretRule[],
): ConfigMatch[] {
  const steps = alignHistory(config, layerCount);
  const textRules = contentRules(rules);
  const fromConfig: ConfigMatch[] = [];
  const assignment = (name: string, value: string, nameRule: SecretRule) => {
    const found = matchText(`${name}=${value}`, textRules).filter((m) => m.start > name.length);
    const specific = found.filter((m) => m.rule.severity !== 'low');
    if (specific.length === 0 && isSensitiveName(name) && isPlausibleSecretValue(value)) {
      return [{ rule: nameRule, secret: value.trim() }];
    }
    return found.map((m) => ({ rule: m.rule, secret: m.secret }));
  };
  (config.config.Env ?? []).forEach((kv, i) => {
    const a = splitAssignment(kv);
    if (a === undefined) return;
    for (const m of assignment(a.name, a.value, CONFIG_RULES.envSecret)) {
      fromConfig.push({ source: 'config', field: `config.Env[${i}]`, ...m, step: undefined, occurrences: 1 });
    }
  });
  for (const [name, value] of Object.entries(config.config.Labels ?? {})) {
    for (const m of assignment(name, value, CONFIG_RULES.labelSecret)) {
      fromConfig.push({
        source: 'config',
        field: `config.Labels.${name}`,
        ...m,
        step: undefined,
        occurrences: 1,
      });
    }
  }
  for (const key of ['Entrypoint', 'Cmd'] as const) {
    const argv = config.config[key];
    if (argv === undefined) continue;
    for (const m of matchText(argv.join(' '), textRules)) {
      fromConfig.push({
        source: 'config',
        field: `config.${key}`,
        rule: m.rule,
        secret: m.secret,
        step: undefined,
        occurrences: 1,
      });
    }
  }
  const fromHistory = new Map<string, ConfigMatch>();
  const argNames = declaredArgNames(config.history);
  for (const step of steps) {
    const by = step.entry.created_by;
    if (by === undefined || by === '') continue;
    const field = `history[${step.historyIndex}].created_by`;
    const found = matchText(by, textRules).map((m) => ({ rule: m.rule, secret: m.secret }));
    for (const arg of parseBuildArgs(by, argNames)) {
      if (!isSensitiveName(arg.name) || !isPlausibleSecretValue(arg.value)) continue;
      const covered = found.findIndex((f) => f.secret.includes(arg.value) || arg.value.includes(f.secret));
      if (covered >= 0 && (found[covered] as { rule: SecretRule }).rule.severity !== 'low') continue;
      if (covered >= 0) found.splice(covered, 1);
      found.push({ rule: CONFIG_RULES.buildArgSecret, secret: arg.value });
    }
    for (const m of found) {
      const key = `${m.rule.id}\0${m.secret}`;
      const seen = fromHistory.get(key);
      if (seen !== undefined) seen.occurrences++;
      else fromHistory.set(key, { source: 'history', field, ...m, step, occurrences: 1 });
    }
  }
  // tie each config value to the last step whose instruction shows it, and report it once
  for (const c of fromConfig) {
    c.step = [...steps].reverse().find((s) => s.entry.created_by?.includes(c.secret) === true);
  }
  const configSecrets = new Set(fromConfig.map((c) => c.secret));
  return [...fromConfig, ...[...fromHistory.values()].filter((h) => !configSecrets.has(h.secret))];
}
