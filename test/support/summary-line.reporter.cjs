// Writes Jest's own totals as one plain line, "N passed, N failed, N skipped", to the file named by
// JEST_SUMMARY_FILE: .ci/run prints it last, so a run that executed no test shows as such. A suite that
// could not run at all (a syntax error, a failing import) counts as one failure.
const { writeFileSync } = require('node:fs');

class SummaryLineReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.JEST_SUMMARY_FILE;
    if (!file) return;
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    writeFileSync(file, `${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

module.exports = SummaryLineReporter;
