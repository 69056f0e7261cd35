/** slack-webhook: Slack incoming-webhook URLs (gitleaks `slack-webhook-url`). */
import type { SecretRule } from '../rule.js';

/** slackWebhook finds hooks.slack.com URLs. */
export const slackWebhook: SecretRule = {
  id: 'slack-webhook',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'warning',
  description: 'A Slack webhook URL is stored in the image.',
  keywords: ['hooks.slack.com'],
  pattern: /((?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56})/g,
  fix: 'Rotate the webhook and inject it at run time.',
};
