/** azure-ad-client-secret: Azure AD (Entra ID) application secrets (gitleaks `azure-ad-client-secret`). */
import type { SecretRule } from '../rule.js';

/** azureAdClientSecret finds `xxx8Q~…` client secrets. */
export const azureAdClientSecret: SecretRule = {
  id: 'azure-ad-client-secret',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'An Azure AD client secret is stored in the image.',
  keywords: ['q~'],
  pattern: /(?:^|[\\'"\x60\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'"\x60\s<),])/g,
  minEntropy: 3,
  fix: 'Use a managed identity or inject the secret at run time.',
};
