/** stripe-key: Stripe secret and restricted keys (gitleaks `stripe-access-token`). */
import { GITLEAKS_END, type SecretRule } from '../rule.js';

/** stripeKey finds sk_/rk_ live, test and prod keys. */
export const stripeKey: SecretRule = {
  id: 'stripe-key',
  category: 'secret',
  origin: 'gitleaks',
  severity: 'error',
  description: 'A Stripe secret key is stored in the image.',
  keywords: ['sk_test', 'sk_live', 'sk_prod', 'rk_test', 'rk_live', 'rk_prod'],
  pattern: new RegExp(String.raw`\b((?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})${GITLEAKS_END}`, 'g'),
  minEntropy: 2,
  fix: 'Roll the key in the Stripe dashboard and inject it at run time.',
};
