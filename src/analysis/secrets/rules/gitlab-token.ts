/** gitlab-token: GitLab personal, deploy, runner, pipeline-trigger and CI job tokens (gitleaks `gitlab-*`). */
import type { SecretRule } from '../rule.js';

/** gitlabToken finds glpat-/gldt-/glrt-/glptt-/glcbt- tokens and runner registration tokens. */
export const gitlabToken: SecretRule = {
  id: 'gitlab-token',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'A GitLab token is stored in the image.',
  keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'gr1348941'],
  pattern:
    /(glpat-[\w-]{20}|gldt-[0-9a-zA-Z_-]{20}|glrt-[0-9a-zA-Z_-]{20}|glptt-[0-9a-f]{40}|glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20}|GR1348941[\w-]{20})/g,
  minEntropy: 3,
  fix: 'Revoke the token; pass it with `RUN --mount=type=secret` instead of ARG, ENV or a copied file.',
};
