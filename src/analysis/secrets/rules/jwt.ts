/** jwt: JSON Web Tokens (gitleaks `jwt`). */
import { GITLEAKS_END, type SecretRule } from '../rule.js';

/** jwt finds three-part eyJ… tokens. */
export const jwt: SecretRule = {
  id: 'jwt',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'warning',
  description: 'A JSON Web Token is stored in the image.',
  keywords: ['ey'],
  pattern: new RegExp(
    String.raw`\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9\/\\_-]{17,}\.(?:[a-zA-Z0-9\/\\_-]{10,}={0,2})?)${GITLEAKS_END}`,
    'g',
  ),
  minEntropy: 3,
  fix: 'Tokens expire or get revoked; fetch them at run time instead of baking them in.',
};
