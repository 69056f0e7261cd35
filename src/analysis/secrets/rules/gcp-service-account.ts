/** gcp-service-account: Google Cloud service-account key JSON files (stowage). */
import type { SecretRule } from '../rule.js';

/** gcpServiceAccount finds the `private_key_id` of a service-account key file. */
export const gcpServiceAccount: SecretRule = {
  id: 'gcp-service-account',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'A Google Cloud service-account key file is stored in the image.',
  keywords: ['service_account'],
  pattern: /"type"\s*:\s*"service_account"[\s\S]{0,400}?"private_key_id"\s*:\s*"([0-9a-f]{40})"/g,
  fix: 'Use workload identity or mount the key at run time; for a build step use `RUN --mount=type=secret,id=gcp`.',
};
