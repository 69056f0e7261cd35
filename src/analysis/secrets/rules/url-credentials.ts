/** url-credentials: `scheme://user:password@host` URLs — git remotes, .git-credentials, pip/npm registries (stowage). */
import { PLACEHOLDER, type SecretRule } from '../rule.js';

/** urlCredentials finds the password part of URLs with embedded credentials. */
export const urlCredentials: SecretRule = {
  id: 'url-credentials',
  category: 'secret',
  origin: 'stowage',
  severity: 'error',
  description:
    'A URL with an embedded password (e.g. a git remote or .git-credentials) is stored in the image.',
  keywords: ['://'],
  pattern:
    /\b(?:https?|git|ssh|ftp|redis|amqps?|postgres(?:ql)?|mysql|mongodb(?:\+srv)?):\/\/[^\s:/@"'<>]{1,64}:([^\s:/@"'<>]{3,128})@[\w.-]+/g,
  allow: [PLACEHOLDER, /^\$/, /^%[0-9A-Fa-f]{2}/],
  generic: true,
  fix: 'Remove credentials from URLs; use a credential helper or `RUN --mount=type=secret` for the step that needs them, and do not COPY .git into the image.',
};
