/** aws-access-key: AWS access key ids (gitleaks `aws-access-token`). */
import type { SecretRule } from '../rule.js';

/** awsAccessKey finds AKIA…/ASIA… key ids; AWS's documented `…EXAMPLE` keys are allowed. */
export const awsAccessKey: SecretRule = {
  id: 'aws-access-key',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'An AWS access key id is stored in the image.',
  keywords: ['a3t', 'akia', 'asia', 'abia', 'acca'],
  pattern: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
  minEntropy: 3,
  allow: [/.+EXAMPLE$/],
  fix: 'Use an instance/task role or inject credentials at run time; during the build mount them with `RUN --mount=type=secret,id=aws,target=/root/.aws/credentials`.',
};
