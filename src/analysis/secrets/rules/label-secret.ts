/** label-secret: a LABEL with a secret-looking name and value (stowage). */
import type { SecretRule } from '../rule.js';

/** labelSecret is reported by the config scan for `config.Labels`. */
export const labelSecret: SecretRule = {
  id: 'label-secret',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'An image label holds what looks like a secret.',
  fix: 'Labels are public metadata: remove the secret from the LABEL instruction.',
};
