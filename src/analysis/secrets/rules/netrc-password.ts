/** netrc-password: passwords in .netrc files (stowage). */
import { PLACEHOLDER, type SecretRule } from '../rule.js';

/** netrcPassword finds `password X` in .netrc / _netrc. */
export const netrcPassword: SecretRule = {
  id: 'netrc-password',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'A .netrc file with a password is stored in the image.',
  keywords: ['password'],
  path: /(?:^|\/)[._]netrc$/,
  pattern: /\bpassword\s+(\S+)/g,
  allow: [PLACEHOLDER],
  fix: 'Mount .netrc for the step that downloads: `RUN --mount=type=secret,id=netrc,target=/root/.netrc …`.',
};
