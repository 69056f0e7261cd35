/** dotenv-file: `.env` files, which usually hold credentials (stowage; a path rule). */
import type { SecretRule } from '../rule.js';

/** dotenvFile flags .env and .env.* files, except documented templates (.example, .sample, .template). */
export const dotenvFile: SecretRule = {
  id: 'dotenv-file',
  category: 'secret',
  origin: 'stowage',
  severity: 'warning',
  description: 'A .env file is stored in the image.',
  path: /(?:^|\/)\.env(?:\.(?!example$|sample$|template$|dist$)[\w.-]+)?$/,
  pathOnly: true,
  fix: 'Add .env to .dockerignore and pass settings at run time (`docker run --env-file`).',
};
