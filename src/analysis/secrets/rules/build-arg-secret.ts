/** build-arg-secret: a build argument with a secret-looking name recorded in the history (`RUN |N K=V`) (stowage). */
import type { SecretRule } from '../rule.js';

/** buildArgSecret is reported by the history scan. */
export const buildArgSecret: SecretRule = {
  id: 'build-arg-secret',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'A build argument holding what looks like a secret is recorded in the image history.',
  fix: 'Build args used by RUN are written into the history as `RUN |N KEY=VALUE`: pass secrets with `docker build --secret id=…` and `RUN --mount=type=secret,id=…` instead of --build-arg.',
};
