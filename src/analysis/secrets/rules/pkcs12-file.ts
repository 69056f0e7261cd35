/** pkcs12-file: PKCS #12 bundles, which usually contain private keys (gitleaks `pkcs12-file`; a path rule). */
import type { SecretRule } from '../rule.js';

/** pkcs12File flags .p12 and .pfx files. */
export const pkcs12File: SecretRule = {
  id: 'pkcs12-file',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'warning',
  description: 'A PKCS #12 file (usually holding a private key) is stored in the image.',
  path: /(?:^|\/)[^/]+\.p(?:12|fx)$/i,
  pathOnly: true,
  fix: 'Mount certificates and keys at run time instead of copying them into a layer.',
};
