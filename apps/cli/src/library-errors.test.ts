import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AnalyticsError, type AnalyticsErrorCode } from "@judgelab/analytics";
import { ReportError, type ReportErrorCode } from "@judgelab/report";
import { paperTournamentPreset, simulateTournament } from "@judgelab/tournament";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "./cli-io.js";
import { ANALYTICS_ERROR_EXIT, asUsageError, REPORT_ERROR_EXIT } from "./library-errors.js";
import { runCli } from "./run-cli.js";
import { runCliForTest } from "./test-support.js";

/** A CLI whose one command throws `error` the way commands rethrow library errors. */
async function exitOf(error: Error): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io = { stderr: (text: string) => void (stderr += text), stdout: () => undefined } as unknown as CliIo;
  const table = {
    fails: {
      summary: "",
      load: async () => async () => {
        throw asUsageError(error) ?? error;
      },
    },
  };
  return { code: await runCli(["fails"], io, table), stderr };
}

describe("library errors → exit codes", () => {
  it.each(Object.entries(ANALYTICS_ERROR_EXIT))("AnalyticsError %s exits %i", async (code, exit) => {
    const run = await exitOf(new AnalyticsError(code as AnalyticsErrorCode, "the message"));
    expect(run.code).toBe(exit);
    if (exit === 2) expect(run.stderr).toBe("judgelab fails: the message\n");
    else expect(run.stderr).toContain("internal error (not a problem with your input");
  });

  it.each(Object.entries(REPORT_ERROR_EXIT))("ReportError %s exits %i", async (code, exit) => {
    const run = await exitOf(new ReportError(code as ReportErrorCode, "the message"));
    expect(run.code).toBe(exit);
    expect(run.stderr).toBe("judgelab fails: the message\n");
  });

  it("leaves a plain RangeError internal (exit 1)", async () => {
    expect((await exitOf(new RangeError("index out of range"))).code).toBe(1);
  });
});

describe("library errors from real commands", () => {
  const root = mkdtempSync(join(tmpdir(), "judgelab-library-errors-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeAll(async () => {
    const config = paperTournamentPreset({ papers: 12, seed: 4, categories: ["A"] });
    await simulateTournament({ config, outDir: join(root, "sim") });
  });

  it("analyze --group with a field no item has: exit 2 naming the field", async () => {
    const run = await runCliForTest(["analyze", "sim", "--group", "colour", "--bootstrap", "5"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--group colour: no item has a "colour" field');
  });

  it("report --control with a covariate the items lack: exit 2 with the style-control message", async () => {
    const args = [
      "report",
      "sim",
      "--out",
      "out",
      "--bootstrap",
      "5",
      "--pages",
      "0",
      "--no-png",
      "--control",
      "colour",
    ];
    const run = await runCliForTest(args, { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("judgelab report: style control: compared items without a value (colour: paper-01");
  });
});
