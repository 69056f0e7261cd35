/** env-secret: an ENV variable whose name says secret and whose value looks like one (stowage). */
import type { SecretRule } from '../rule.js';

/** envSecret is reported by the config scan for `config.Env` entries. */
export const envSecret: SecretRule = {
  id: 'env-secret',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'An environment variable in the image config holds what looks like a secret.',
  fix: 'ENV values ship in the image config for anyone who can pull it: set the variable at run time from a secret store, and use `RUN --mount=type=secret` when a build step needs it.',
};
