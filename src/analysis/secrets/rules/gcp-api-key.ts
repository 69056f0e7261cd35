/** gcp-api-key: Google API keys (gitleaks `gcp-api-key`). */
import { GITLEAKS_END, type SecretRule } from '../rule.js';

/** gcpApiKey finds AIza… keys. */
export const gcpApiKey: SecretRule = {
  id: 'gcp-api-key',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'A Google Cloud API key is stored in the image.',
  keywords: ['aiza'],
  pattern: new RegExp(String.raw`\b(AIza[\w-]{35})${GITLEAKS_END}`, 'g'),
  minEntropy: 4,
  fix: "Inject the key at run time (environment from the orchestrator's secret store), not at build time.",
};
