/** npmrc-auth: `_authToken`, `_auth` and `_password` settings in .npmrc files (stowage). */
import { PLACEHOLDER, type SecretRule } from '../rule.js';

/** npmrcAuth finds registry credentials in .npmrc / .yarnrc files. */
export const npmrcAuth: SecretRule = {
  id: 'npmrc-auth',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'An npm registry credential (.npmrc _authToken/_auth/_password) is stored in the image.',
  keywords: ['_authtoken', '_auth', '_password'],
  path: /(?:^|\/)\.?(?:npmrc|yarnrc(?:\.yml)?)$/,
  pattern: /(?:_authToken|_auth|_password|npmAuthToken)\s*[=:]\s*["']?([^\s"']{8,})/g,
  allow: [PLACEHOLDER, /^\$\{[^}]+\}$/],
  fix: 'Mount .npmrc for the install step only: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`, or install in a build stage.',
};
