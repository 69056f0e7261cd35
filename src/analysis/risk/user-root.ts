/** The container's user: unset or root means processes run as root. */
import type { RiskCheck, RiskRule } from './risk-check.js';

/** userRootRule flags images whose final USER is root or unset. */
export const userRootRule: RiskRule = {
  id: 'user-root',
  category: 'risk',
  severity: 'warning',
  description: 'The image runs as root: the config sets no USER, or sets root.',
  fix: 'Add a non-root user and end the Dockerfile with `USER name` (or a numeric uid).',
};

/** isRootUser reports whether a config `User` value means root. */
export function isRootUser(user: string | undefined): boolean {
  if (user === undefined || user.trim() === '') return true;
  const name = user.split(':')[0] ?? '';
  return name === 'root' || name === '0';
}

/** userRootCheck looks at config.User. */
export const userRootCheck: RiskCheck = {
  rules: [userRootRule],
  run({ config }) {
    const user = config.config.User;
    if (!isRootUser(user)) return [];
    return [
      {
        rule: userRootRule,
        message: user === undefined ? 'no USER is set, so the container runs as root' : `USER is ${user}`,
        path: null,
        layer: null,
        size: null,
      },
    ];
  },
};
