/** pypi-token: PyPI upload tokens (gitleaks `pypi-upload-token`). */
import type { SecretRule } from '../rule.js';

/** pypiToken finds pypi-AgEIcHlwaS5vcmc… macaroons. */
export const pypiToken: SecretRule = {
  id: 'pypi-token',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'A PyPI upload token is stored in the image.',
  keywords: ['pypi-ageichlwas5vcmc'],
  pattern: /(pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})/g,
  minEntropy: 3,
  fix: 'Revoke the token; upload from CI, not from inside an image build.',
};
