/**
 * The secret rule catalogue, most specific first: when two rules match overlapping text, the
 * earlier one wins (so `github-token` beats `generic-api-key` on the same value).
 */
import type { SecretRule } from '../rule.js';
import { awsAccessKey } from './aws-access-key.js';
import { awsSecretKey } from './aws-secret-key.js';
import { azureAdClientSecret } from './azure-ad-client-secret.js';
import { azureStorageKey } from './azure-storage-key.js';
import { buildArgSecret } from './build-arg-secret.js';
import { dockerConfigAuth } from './docker-config-auth.js';
import { dotenvFile } from './dotenv-file.js';
import { envSecret } from './env-secret.js';
import { gcpApiKey } from './gcp-api-key.js';
import { gcpServiceAccount } from './gcp-service-account.js';
import { genericApiKey } from './generic-api-key.js';
import { githubToken } from './github-token.js';
import { gitlabToken } from './gitlab-token.js';
import { jwt } from './jwt.js';
import { kubeconfigCredential } from './kubeconfig-credential.js';
import { labelSecret } from './label-secret.js';
import { netrcPassword } from './netrc-password.js';
import { npmToken } from './npm-token.js';
import { npmrcAuth } from './npmrc-auth.js';
import { pgpassPassword } from './pgpass-password.js';
import { pkcs12File } from './pkcs12-file.js';
import { privateKey } from './private-key.js';
import { pypiToken } from './pypi-token.js';
import { slackToken } from './slack-token.js';
import { slackWebhook } from './slack-webhook.js';
import { stripeKey } from './stripe-key.js';
import { urlCredentials } from './url-credentials.js';

/** SECRET_RULES lists every secret rule in priority order. */
export const SECRET_RULES: readonly SecretRule[] = [
  privateKey,
  gcpServiceAccount,
  awsAccessKey,
  awsSecretKey,
  gcpApiKey,
  azureStorageKey,
  azureAdClientSecret,
  githubToken,
  gitlabToken,
  npmToken,
  pypiToken,
  slackToken,
  slackWebhook,
  stripeKey,
  npmrcAuth,
  dockerConfigAuth,
  netrcPassword,
  pgpassPassword,
  kubeconfigCredential,
  urlCredentials,
  jwt,
  genericApiKey,
  dotenvFile,
  pkcs12File,
];

/** CONFIG_RULES are reported by the config and history scan from names, not patterns. */
export const CONFIG_RULES = { envSecret, buildArgSecret, labelSecret } as const;

/** ALL_SECRET_RULES is the catalogue: pattern and path rules, then the config rules. */
export const ALL_SECRET_RULES: readonly SecretRule[] = [
  ...SECRET_RULES,
  envSecret,
  buildArgSecret,
  labelSecret,
];
