import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { planSharedDataTest, SHARED_DATA_SKIP_MARK, sharedDataRoot } from "./shared-data.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "judgelab-shared-data-"));
const shared = path.join(scratch, "shared");
mkdirSync(path.join(shared, "datasets", "present"), { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const absent = path.join(shared, "datasets", "absent");

/** Runs scripts/summarize-tests.mjs over a scratch repository holding one package's vitest JSON report. */
function summarize(assertions: { fullName: string; status: string }[]): { status: number | null; lines: string[] } {
  const root = mkdtempSync(path.join(scratch, "repo-"));
  const pkg = path.join(root, "packages", "probe");
  mkdirSync(path.join(pkg, ".vitest"), { recursive: true });
  writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "probe", scripts: { test: "vitest run" } }));
  const count = (status: string) => assertions.filter((a) => a.status === status).length;
  const report = {
    numPassedTests: count("passed"),
    numFailedTests: count("failed"),
    numPendingTests: count("skipped"),
    testResults: [
      { name: "probe.test.ts", status: count("failed") > 0 ? "failed" : "passed", assertionResults: assertions },
    ],
  };
  writeFileSync(path.join(pkg, ".vitest", "report.json"), JSON.stringify(report));
  const run = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "summarize-tests.mjs"), "--root", root], {
    encoding: "utf8",
  });
  return { status: run.status, lines: run.stdout.trim().split("\n") };
}

describe("tests that need shared data", () => {
  it("find the shared folder through JUDGELAB_SHARED_DIR, else next to the repository", () => {
    expect(sharedDataRoot({ JUDGELAB_SHARED_DIR: shared })).toBe(shared);
    expect(sharedDataRoot({})).toBe(path.resolve(repoRoot, "../shared"));
  });

  it("run when every path they need exists", () => {
    expect(planSharedDataTest("datasets/present", "t", { JUDGELAB_SHARED_DIR: shared, CI: "true" })).toEqual({
      action: "run",
      title: "t",
    });
  });

  it("on a user's clone: are skipped with the missing path in the title, summed into one line saying why", () => {
    const env = { JUDGELAB_SHARED_DIR: shared };
    const group = planSharedDataTest(["datasets/present", "datasets/absent"], "group", env);
    const single = planSharedDataTest("datasets/absent", "single", env);
    expect(group).toEqual({ action: "skip", title: `group ${SHARED_DATA_SKIP_MARK}${absent}]` });
    expect(single.action).toBe("skip");
    // vitest's fullName joins the describe title and the test title.
    const summary = summarize([
      { fullName: "present reads it", status: "passed" },
      { fullName: `${group.title} reads it`, status: "skipped" },
      { fullName: single.title, status: "skipped" },
      { fullName: "an ordinary skipped test", status: "skipped" },
    ]);
    expect(summary.status).toBe(0);
    expect(summary.lines).toEqual([
      `2 tests skipped: shared data not found at ${absent} (expected in the shared folder next to the repository, ` +
        "../shared, or in $JUDGELAB_SHARED_DIR)",
      "Tests: 1 passed, 0 failed, 3 skipped",
    ]);
  });

  it("under CI=true: fail with a message that names the missing path and where to put it", () => {
    for (const ci of ["true", "1"]) {
      const plan = planSharedDataTest("datasets/absent", "t", { JUDGELAB_SHARED_DIR: shared, CI: ci });
      expect(plan.action).toBe("fail");
      expect(plan.action === "fail" && plan.message).toContain(
        `shared data not found at ${absent}: CI=true requires it`,
      );
    }
    expect(planSharedDataTest("datasets/absent", "t", { JUDGELAB_SHARED_DIR: shared, CI: "false" }).action).toBe(
      "skip",
    );
    const summary = summarize([
      { fullName: "present reads it", status: "passed" },
      { fullName: "t has its shared data", status: "failed" },
    ]);
    expect(summary.status).toBe(1);
    expect(summary.lines.at(-1)).toBe("Tests: 1 passed, 1 failed, 0 skipped");
  });
});
