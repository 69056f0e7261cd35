/** docker-config-auth: registry credentials in a docker/podman `config.json` / `auth.json` (stowage). */
import type { SecretRule } from '../rule.js';

/** dockerConfigAuth finds `"auth": "<base64 user:password>"` entries. */
export const dockerConfigAuth: SecretRule = {
  id: 'docker-config-auth',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'Container registry credentials (docker config.json "auths") are stored in the image.',
  keywords: ['"auth"'],
  path: /(?:^|\/)(?:\.docker\/config\.json|config\.json|auth\.json|\.dockercfg)$/,
  pattern: /"(?:auth|identitytoken)"\s*:\s*"([A-Za-z0-9+/=._-]{8,})"/g,
  fix: 'Log in to registries outside the image; in a build use `RUN --mount=type=secret,id=docker,target=/root/.docker/config.json`.',
};
