/** private-key: PEM / OpenSSH / PGP private key blocks (gitleaks `private-key`, plus PGP). */
import type { SecretRule } from '../rule.js';

/** privateKey finds BEGIN … PRIVATE KEY blocks with a body. */
export const privateKey: SecretRule = {
  id: 'private-key',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'A private key (PEM, OpenSSH or PGP) is stored in the image.',
  keywords: ['-----begin'],
  pattern: /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,}?KEY(?: BLOCK)?-----/gi,
  group: 0,
  fix: 'Never COPY keys into a layer: mount them for the one step that needs them (`RUN --mount=type=secret,id=key` or `--mount=type=ssh`), or build in a stage that is not the final one.',
};
