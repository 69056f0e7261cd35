/**
 * Real-tool availability for integration tests. With CI=true a missing tool fails the test; elsewhere
 * the test is skipped with a one-line reason.
 */
import { execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';

/** hasTool reports whether a command is on PATH. */
export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * describeWithTools runs `fn` as a describe block when every tool is present. Without them it
 * registers a skipped block naming what is missing, or, under CI=true, a block that fails.
 */
export function describeWithTools(name: string, tools: string[], fn: () => void): void {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const reason = `needs ${missing.join(', ')} (run scripts/install-test-tools.sh)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`tools present: ${reason}`, () => {
        throw new Error(`missing test tools: ${reason}`);
      });
    });
  } else {
    describe.skip(`${name} — skipped: ${reason}`, fn);
  }
}
