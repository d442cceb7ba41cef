#!/usr/bin/env node
// Sums the per-package vitest JSON reports (`<package>/.vitest/report.json`) into one closing line:
// `Tests: N passed, N failed, N skipped`. Exits 1 when a test failed, a suite failed to load, a package's report
// is missing, a check failed (lint, type-check, build: from `--lint-status` and turbo's `--turbo-summary` run
// file; each failed check counts as one failure), or no test ran at all. Tests skipped because the shared
// third-party data is missing (their titles carry the mark of @judgelab/test-shared-data) are summed into one line
// saying why and where the data is expected.
//
//   node scripts/summarize-tests.mjs [--root <repo>] [--lint-status <exit status>] [--turbo-summary <run.json>]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const SHARED_DATA_SKIP_MARK = "[skipped: shared data not found at ";

const { values } = parseArgs({
  options: {
    root: { type: "string" },
    "lint-status": { type: "string" },
    "turbo-summary": { type: "string" },
  },
});
const root = values.root === undefined ? new URL("..", import.meta.url).pathname : resolve(values.root);
let passed = 0;
let failed = 0;
let skipped = 0;
let suiteFailures = 0;
const missing = [];
const failedChecks = [];
const missingSharedData = new Map();
for (const group of ["packages", "apps"]) {
  const groupDir = join(root, group);
  if (!existsSync(groupDir)) continue;
  for (const name of readdirSync(groupDir).sort()) {
    const packageDir = join(groupDir, name);
    const manifestPath = join(packageDir, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (!manifest.scripts?.test) continue;
    const reportPath = join(packageDir, ".vitest", "report.json");
    if (!existsSync(reportPath)) {
      missing.push(`${group}/${name}`);
      continue;
    }
    const report = JSON.parse(readFileSync(reportPath, "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const suite of report.testResults ?? []) {
      if (suite.status === "failed" && (suite.assertionResults ?? []).every((a) => a.status !== "failed")) {
        suiteFailures += 1;
        console.log(`suite failed to run: ${suite.name}: ${String(suite.message ?? "").split("\n")[0]}`);
      }
      for (const assertion of suite.assertionResults ?? []) {
        if (assertion.status !== "skipped" && assertion.status !== "pending") continue;
        const at = String(assertion.fullName ?? "").indexOf(SHARED_DATA_SKIP_MARK);
        if (at < 0) continue;
        const file = assertion.fullName.slice(at + SHARED_DATA_SKIP_MARK.length).split("]")[0];
        missingSharedData.set(file, (missingSharedData.get(file) ?? 0) + 1);
      }
    }
  }
}
if (values["lint-status"] !== undefined && values["lint-status"] !== "0") {
  failedChecks.push("lint (biome check .): fix what it printed above, `pnpm format` fixes formatting");
}
if (values["turbo-summary"]) {
  const run = JSON.parse(readFileSync(values["turbo-summary"], "utf8"));
  for (const task of run.tasks ?? []) {
    // A failing test task is counted through its vitest report above; every other task is a check.
    if (task.task === "test" || task.execution === undefined) continue;
    if (task.execution.exitCode !== 0 && task.execution.exitCode !== undefined) {
      failedChecks.push(`${task.taskId} (exit ${task.execution.exitCode}): see its output above`);
    }
  }
}
for (const name of missing) console.log(`no test report for ${name} (did its tests run?)`);
for (const check of failedChecks) console.log(`check failed: ${check}`);
if (missingSharedData.size > 0) {
  const count = [...missingSharedData.values()].reduce((sum, n) => sum + n, 0);
  const files = [...missingSharedData.keys()];
  const shown = files.length > 3 ? `${files.slice(0, 3).join(", ")} and ${files.length - 3} more` : files.join(", ");
  console.log(
    `${count} tests skipped: shared data not found at ${shown} (expected in the shared folder next to the ` +
      "repository, ../shared, or in $JUDGELAB_SHARED_DIR)",
  );
}
const failedTotal = failed + suiteFailures + missing.length + failedChecks.length;
console.log(`Tests: ${passed} passed, ${failedTotal} failed, ${skipped} skipped`);
process.exit(failedTotal > 0 || passed === 0 ? 1 : 0);
