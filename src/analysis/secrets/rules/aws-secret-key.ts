/** aws-secret-key: `aws_secret_access_key` values in ~/.aws/credentials or env files (stowage). */
import type { SecretRule } from '../rule.js';

/** awsSecretKey finds the 40-character secret access key assigned to aws_secret_access_key. */
export const awsSecretKey: SecretRule = {
  id: 'aws-secret-key',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description: 'An AWS secret access key (e.g. in .aws/credentials) is stored in the image.',
  keywords: ['aws_secret_access_key'],
  pattern: /aws_secret_access_key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
  allow: [/EXAMPLEKEY$/],
  fix: 'Do not bake ~/.aws/credentials into the image: use a role, or `RUN --mount=type=secret,id=aws,target=/root/.aws/credentials` for the build step that needs it.',
};
