import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SHARED_DATA_SKIP_MARK } from "./shared-data.js";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(packageDir, "../..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "judgelab-shared-data-"));
const shared = path.join(scratch, "shared");
mkdirSync(path.join(shared, "datasets", "present"), { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

/** Runs src/test-fixtures/probe.ts in a vitest subprocess and returns its JSON report. */
function runProbe(ci: string): { status: number | null; report: VitestReport } {
  const reportFile = path.join(scratch, `report-ci-${ci || "unset"}.json`);
  const run = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, "node_modules", "vitest", "vitest.mjs"),
      "run",
      "--config",
      "src/test-fixtures/probe.vitest.config.ts",
      "--reporter=json",
      `--outputFile=${reportFile}`,
    ],
    { cwd: packageDir, env: { ...process.env, JUDGELAB_SHARED_DIR: shared, CI: ci }, encoding: "utf8" },
  );
  return { status: run.status, report: JSON.parse(readFileSync(reportFile, "utf8")) as VitestReport };
}

/** Runs scripts/summarize-tests.mjs over a scratch repository holding one package's report. */
function summarize(report: VitestReport): { status: number | null; stdout: string } {
  const root = path.join(scratch, `repo-${Math.random().toString(36).slice(2)}`);
  const pkg = path.join(root, "packages", "probe");
  mkdirSync(path.join(pkg, ".vitest"), { recursive: true });
  writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "probe", scripts: { test: "vitest run" } }));
  writeFileSync(path.join(pkg, ".vitest", "report.json"), JSON.stringify(report));
  const run = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "summarize-tests.mjs"), "--root", root], {
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout };
}

describe("tests that need shared data", () => {
  it("on a user's clone: skipped, with the missing path in the title, and one summary line saying why", () => {
    const { status, report } = runProbe("");
    expect(status).toBe(0);
    expect(report).toMatchObject({ numPassedTests: 1, numFailedTests: 0, numPendingTests: 2 });
    const skipped = report.testResults.flatMap((file) => file.assertionResults).filter((a) => a.status !== "passed");
    for (const result of skipped) {
      expect(result.fullName).toContain(`${SHARED_DATA_SKIP_MARK}${path.join(shared, "datasets", "absent")}]`);
    }
    const summary = summarize(report);
    expect(summary.status).toBe(0);
    const lines = summary.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `2 tests skipped: shared data not found at ${path.join(shared, "datasets", "absent")} (expected in ` +
        "the shared folder next to the repository, ../shared, or in $JUDGELAB_SHARED_DIR)",
    );
    expect(lines[1]).toBe("Tests: 1 passed, 0 failed, 2 skipped");
  }, 60_000);

  it("under CI=true: a failure that names the missing path", () => {
    const { status, report } = runProbe("true");
    expect(status).toBe(1);
    expect(report).toMatchObject({ numPassedTests: 1, numFailedTests: 2, numPendingTests: 0 });
    const failures = report.testResults.flatMap((file) => file.assertionResults).filter((a) => a.status === "failed");
    expect(failures.map((f) => f.failureMessages.join("\n")).join("\n")).toContain(
      `shared data not found at ${path.join(shared, "datasets", "absent")}: CI=true requires it`,
    );
    const summary = summarize(report);
    expect(summary.status).toBe(1);
    expect(summary.stdout.trim().split("\n").at(-1)).toBe("Tests: 1 passed, 2 failed, 0 skipped");
  }, 60_000);
});
