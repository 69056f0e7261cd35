/** npm-token: npm access tokens (gitleaks `npm-access-token`). */
import { GITLEAKS_END, type SecretRule } from '../rule.js';

/** npmToken finds npm_… tokens wherever they appear. */
export const npmToken: SecretRule = {
  id: 'npm-token',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'An npm access token is stored in the image.',
  keywords: ['npm_'],
  pattern: new RegExp(String.raw`\b(npm_[a-zA-Z0-9]{36})${GITLEAKS_END}`, 'g'),
  minEntropy: 2,
  fix: 'Mount .npmrc for the install step only: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`.',
};
