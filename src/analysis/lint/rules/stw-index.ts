/**
 * stowage's own lint rules (ids `STW…`), one file each as `stw-*.ts`; listed here for the engine.
 */
import type { Rule } from '../types.js';
import { addUrlChecksumRule } from './stw-add-url-checksum.js';
import { broadCopyContextRule } from './stw-broad-copy-context.js';
import { cacheMountRule } from './stw-cache-mount.js';
import { deletedLaterRule } from './stw-deleted-later.js';
import { dependencyOrderRule } from './stw-dependency-order.js';
import { finalToolchainRule } from './stw-final-toolchain.js';
import { heredocErrexitRule } from './stw-heredoc-errexit.js';
import { recursiveChownRule } from './stw-recursive-chown.js';
import { secretCopiedRule } from './stw-secret-copied.js';
import { unusedStageRule } from './stw-unused-stage.js';
import { volatileArgRule } from './stw-volatile-arg.js';

/** stwRules are stowage's own rules, run after the hadolint-compatible ones, in id order. */
export const stwRules: Rule[] = [
  dependencyOrderRule,
  volatileArgRule,
  broadCopyContextRule,
  recursiveChownRule,
  finalToolchainRule,
  deletedLaterRule,
  secretCopiedRule,
  cacheMountRule,
  heredocErrexitRule,
  unusedStageRule,
  addUrlChecksumRule,
];
