/** github-token: GitHub tokens — classic and fine-grained PATs, OAuth, app and refresh tokens (gitleaks `github-*`). */
import type { SecretRule } from '../rule.js';

/** githubToken finds ghp_/gho_/ghu_/ghs_/ghr_ tokens and github_pat_ tokens. */
export const githubToken: SecretRule = {
  id: 'github-token',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'A GitHub token is stored in the image.',
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  pattern: /((?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36}|github_pat_\w{82})/g,
  minEntropy: 3,
  fix: 'Revoke the token; pass it to the build with `RUN --mount=type=secret,id=github_token` instead of ARG, ENV or a copied file.',
};
