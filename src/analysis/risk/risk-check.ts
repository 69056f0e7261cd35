/**
 * RiskCheck: the shape of one risky-content check. A check looks at the merged final filesystem
 * and the image config and returns hits; the audit report adds layer digests, history and
 * fingerprints.
 */
import type { FileTree } from '../../filetree/file-tree.js';
import type { ImageConfig } from '../../model/config.js';
import type { RuleInfo } from '../secrets/rule.js';
import type { AuditSeverity } from '../secrets/types.js';

/** RiskContext is what every check receives. */
export interface RiskContext {
  tree: FileTree;
  config: ImageConfig;
}

/** RiskHit is one thing a check found; `layer` is the layer that put the path there. */
export interface RiskHit {
  rule: RiskRule;
  message: string;
  path: string | null;
  layer: number | null;
  size: number | null;
  /** overrides the rule's severity for this hit */
  severity?: AuditSeverity;
}

/** RiskRule describes a risk check. */
export interface RiskRule extends RuleInfo {
  category: 'risk';
}

/** RiskCheck is a rule with the function that applies it. */
export interface RiskCheck {
  rules: readonly RiskRule[];
  run(ctx: RiskContext): RiskHit[];
}
