/** DL3064: sensitive-looking names in ARG or ENV. */
import { keyValues } from '../../../dockerfile/key-values.js';
import { eachInstruction } from '../helpers.js';
import type { Rule } from '../types.js';

const KNOWN = new Set(
  'ACCESS_TOKEN APPLICATION_KEY APP_SECRET AUTH_TOKEN AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY BITTREX_API_KEY BITTREX_API_SECRET CF_PASSWORD CF_USERNAME CIRCLE_TOKEN CI_DEPLOY_PASSWORD CI_DEPLOY_USER DOCKERHUB_PASSWORD DOCKER_EMAIL DOCKER_PASSWORD DOCKER_USERNAME FACEBOOK_ACCESS_TOKEN FACEBOOK_APP_ID FACEBOOK_APP_SECRET FIREBASE_API_TOKEN FIREBASE_TOKEN FOSSA_API_KEY GH_ENTERPRISE_TOKEN GH_TOKEN GITHUB_ENTERPRISE_TOKEN GITHUB_TOKEN HEROKU_API_KEY HEROKU_API_USER NPM_AUTH_TOKEN NPM_TOKEN OKTA_AUTHN_GROUPID OKTA_CLIENT_ORGURL OKTA_CLIENT_TOKEN OKTA_OAUTH2_CLIENTID OKTA_OAUTH2_CLIENTSECRET OPENAI_API_KEY OS_PASSWORD OS_USERNAME POSTGRES_PASSWORD SLACK_TOKEN STRIPE_API_KEY STRIPE_DEVICE_NAME TRAVIS_OS_NAME TRAVIS_SECURE_ENV_VARS TRAVIS_SUDO VAULT_CLIENT_KEY VAULT_TOKEN'.split(
    ' ',
  ),
);
const SUSPICIOUS = ['api_key', 'client_key', 'password', 'private', 'secret', 'token', 'username'];

/** dl3064 flags ARG/ENV whose name is a known secret or contains a suspicious word. */
export const dl3064: Rule = {
  id: 'DL3064',
  severity: 'warning',
  description: 'Potentially sensitive data should not be used in the `ARG` or `ENV` commands',
  *check({ dockerfile }) {
    const all = [
      ...dockerfile.globalArgs.map((ins) => ({ ins })),
      ...eachInstruction(dockerfile, ['ARG', 'ENV']),
    ];
    const seen = new Set();
    for (const { ins } of all) {
      if (seen.has(ins)) continue;
      seen.add(ins);
      const names = keyValues(ins).map((kv) => kv.key);
      if (
        names.some((n) => KNOWN.has(n.toUpperCase()) || SUSPICIOUS.some((s) => n.toLowerCase().includes(s)))
      )
        yield { span: ins.span };
    }
  },
};
