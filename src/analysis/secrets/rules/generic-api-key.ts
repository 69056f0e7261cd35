/** generic-api-key: high-entropy values assigned to key/token/secret/password names (gitleaks `generic-api-key`). */
import { GITLEAKS_END, type SecretRule } from '../rule.js';

/**
 * genericApiKey is entropy-only evidence, hence `low`: a secret-looking name followed by a random
 * value. gitleaks' allowlists for the name (key_id, public_key, …) and for word-only values are kept.
 */
export const genericApiKey: SecretRule = {
  id: 'generic-api-key',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'low',
  description: 'A high-entropy value is assigned to a key, token, secret or password name.',
  keywords: ['access', 'api', 'auth', 'key', 'credential', 'creds', 'passwd', 'password', 'secret', 'token'],
  pattern: new RegExp(
    String.raw`[\w.-]{0,50}?(?:access|auth|api|credential|creds|key|passw(?:or)?d|secret|token)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}([\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3})${GITLEAKS_END}`,
    'gi',
  ),
  minEntropy: 3.5,
  generic: true,
  allow: [/^[a-zA-Z_.-]+$/, /^[0-9a-f]{64}$/i, /^sha(?:1|256|512)[-=]/i],
  allowMatch: [
    /(?:access(?:ibility|or)|access[_.-]?id|random[_.-]?access|api[_.-]?(?:id|name|version)|rapid|capital|author|credentials?[_.-]?id|withcredentials|(?:bucket|foreign|hot|idx|natural|primary|pub(?:lic)?|schema|sequence)[_.-]?key|key[_.-]?(?:alias|board|code|frame|id|length|mesh|name|pair|press(?:ed)?|ring|selector|signature|size|stone|storetype|word|up|down|left|right)|keying|secret[_.-]?(?:length|name|size)|csrf[_.-]?token|(?:api|credentials|token)[_.-]?(?:endpoint|ur[il])|public[_.-]?token|(?:key|token)[_.-]?file)/i,
  ],
  fix: 'If this is a real credential, remove it from the image and inject it at run time; otherwise allowlist it by fingerprint in stowage.yaml.',
};
