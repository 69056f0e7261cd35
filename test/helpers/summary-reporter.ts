/**
 * A vitest reporter that ends the run with one plain line, `N passed, N failed, N skipped`, which
 * CI systems and people can read without parsing vitest's coloured summary.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** SummaryReporter counts test cases by state and prints the closing line. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
