/** pgpass-password: passwords in PostgreSQL .pgpass files (stowage). */
import { PLACEHOLDER, type SecretRule } from '../rule.js';

/** pgpassPassword finds the password field of `host:port:db:user:password` lines. */
export const pgpassPassword: SecretRule = {
  id: 'pgpass-password',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'A PostgreSQL .pgpass file with a password is stored in the image.',
  path: /(?:^|\/)\.pgpass$/,
  pattern: /^[^:#\n]*:[^:\n]*:[^:\n]*:[^:\n]*:([^\n]+)$/gm,
  allow: [PLACEHOLDER],
  fix: "Inject database credentials at run time (a mounted secret or the orchestrator's secret store).",
};
