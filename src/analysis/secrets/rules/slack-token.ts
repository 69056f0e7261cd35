/** slack-token: Slack bot, user, app and legacy tokens (gitleaks `slack-*-token`). */
import type { SecretRule } from '../rule.js';

/** slackToken finds xoxb-/xoxp-/xoxa-/xoxr-/xoxo-/xoxs-/xapp- tokens. */
export const slackToken: SecretRule = {
  id: 'slack-token',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'A Slack token is stored in the image.',
  keywords: ['xoxb', 'xoxp', 'xoxe', 'xoxa', 'xoxr', 'xoxo', 'xoxs', 'xapp'],
  pattern:
    /(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*|xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+|xox[os]-\d+-\d+-\d+-[a-fA-F\d]+|xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}|xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26})/g,
  minEntropy: 2,
  fix: 'Revoke the token and inject it at run time.',
};
