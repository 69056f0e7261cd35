/**
 * Risky content and configuration checks over the final filesystem and the config: setuid/setgid,
 * world-writable paths, root user, HEALTHCHECK, leftovers, package caches and sudo.
 */
import { cacheCheck } from './caches.js';
import { healthcheckCheck } from './healthcheck.js';
import { leftoverCheck } from './leftovers.js';
import type { RiskCheck, RiskContext, RiskHit, RiskRule } from './risk-check.js';
import { setuidCheck } from './setuid.js';
import { sudoCheck } from './sudo.js';
import { userRootCheck } from './user-root.js';
import { worldWritableCheck } from './world-writable.js';

export type { RiskCheck, RiskContext, RiskHit, RiskRule } from './risk-check.js';
export { countSpecialBits, isUsualSpecial, type SpecialBitCounts } from './setuid.js';

/** RISK_CHECKS lists every check in report order. */
export const RISK_CHECKS: readonly RiskCheck[] = [
  setuidCheck,
  worldWritableCheck,
  userRootCheck,
  healthcheckCheck,
  leftoverCheck,
  cacheCheck,
  sudoCheck,
];

/** RISK_RULES is the catalogue of risk rules. */
export const RISK_RULES: readonly RiskRule[] = RISK_CHECKS.flatMap((c) => c.rules);

/** runRiskChecks runs every check. */
export function runRiskChecks(ctx: RiskContext): RiskHit[] {
  return RISK_CHECKS.flatMap((c) => c.run(ctx));
}
