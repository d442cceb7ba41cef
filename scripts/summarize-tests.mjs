#!/usr/bin/env node
// Sums the per-package vitest JSON reports (`<package>/.vitest/report.json`) into one line:
// `Tests: N passed, N failed, N skipped`. Exits 1 when a test failed, a suite failed to load,
// a package's report is missing, or no test ran at all.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
let suiteFailures = 0;
const missing = [];
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
    }
  }
}
for (const name of missing) console.log(`no test report for ${name} (did its tests run?)`);
const failedTotal = failed + suiteFailures + missing.length;
console.log(`Tests: ${passed} passed, ${failedTotal} failed, ${skipped} skipped`);
process.exit(failedTotal > 0 || passed === 0 ? 1 : 0);
