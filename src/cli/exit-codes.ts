/**
 * Exit codes of the stowage command, the same for every command (documented in README and --help).
 */

/** ExitCode names the process exit statuses. */
export const ExitCode = {
  /** the command did what was asked */
  ok: 0,
  /** a policy (check, lint, CI thresholds) failed */
  policyFailed: 1,
  /** bad arguments or unreadable / invalid input */
  usage: 2,
  /** a bug in stowage */
  internal: 3,
} as const;

/** EXIT_CODE_HELP describes the codes for help output. */
export const EXIT_CODE_HELP = `Exit codes:
  0  success
  1  a policy failed (check, lint, CI thresholds)
  2  usage error, input that cannot be read (missing file, corrupt or invalid image,
     unreachable registry, a limit reached) or a destination that cannot be written
  3  internal error (a bug in stowage; please report it)
`;
