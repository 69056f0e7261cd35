/** HEALTHCHECK: images without one give orchestrators nothing to probe. */
import type { RiskCheck, RiskRule } from './risk-check.js';

/** noHealthcheckRule notes a missing or disabled HEALTHCHECK. */
export const noHealthcheckRule: RiskRule = {
  id: 'no-healthcheck',
  category: 'risk',
  severity: 'info',
  description: 'The image has no HEALTHCHECK (or disables it with NONE).',
  fix: 'Add `HEALTHCHECK CMD …` if the runtime uses it (Kubernetes uses its own probes instead).',
};

/** healthcheckCheck looks at config.Healthcheck. */
export const healthcheckCheck: RiskCheck = {
  rules: [noHealthcheckRule],
  run({ config }) {
    const test = config.config.Healthcheck?.Test;
    if (test !== undefined && test.length > 0 && test[0] !== 'NONE') return [];
    const message = test?.[0] === 'NONE' ? 'HEALTHCHECK is disabled (NONE)' : 'no HEALTHCHECK is defined';
    return [{ rule: noHealthcheckRule, message, path: null, layer: null, size: null }];
  },
};
