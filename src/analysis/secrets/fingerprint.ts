/**
 * Fingerprints identify a finding across runs (for allowlists and SARIF `partialFingerprints`):
 * sha256 over the rule id, the location and the secret, so the same secret at the same place
 * always gives the same value while the value itself is not shown.
 */
import { createHash } from 'node:crypto';

/** fingerprint is the hex sha256 of the parts joined by NUL. */
export function fingerprint(ruleId: string, location: string, secret: string): string {
  return createHash('sha256').update(`${ruleId}\0${location}\0${secret}`).digest('hex');
}
