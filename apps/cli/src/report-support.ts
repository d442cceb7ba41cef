import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { CreatedReport } from "@judgelab/report";
import type { CliIo } from "./cli-io.js";

/** The git commit of the code, or undefined outside a git checkout (the CLI may shell out; libraries do not). */
export async function readGitSha(root: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)("git", ["rev-parse", "HEAD"], { cwd: root, timeout: 5000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Versions of the judgelab packages, for run-metadata.json. */
export function judgelabVersions(root: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const folder of [
    "apps/cli",
    "packages/report",
    "packages/analytics",
    "packages/ratings",
    "packages/datasets",
    "packages/tournament",
  ]) {
    try {
      const manifest = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8")) as {
        name: string;
        version: string;
      };
      versions[manifest.name] = manifest.version;
    } catch {
      // a package missing from a trimmed install is simply not listed
    }
  }
  return versions;
}

/** Prints the report's outcome: text summary or the documented JSON shape. */
export function printReportSummary(
  io: CliIo,
  options: { report: CreatedReport; out: string; json: boolean; seconds: number },
): void {
  const { report } = options;
  if (options.json) {
    const summary = {
      out: options.out,
      files: report.files,
      charts: report.charts,
      itemPages: report.itemPages,
      headlines: report.headlines,
      timingsMs: report.timingsMs,
      seconds: Number(options.seconds.toFixed(2)),
    };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const lines = [
    `Report written to ${options.out}/report.html (${report.charts.length} charts, ${report.itemPages} item pages, ${options.seconds.toFixed(1)} s)`,
    "",
    "Headline findings:",
    ...report.headlines.map((line) => `  - ${line}`),
    "",
    `Open ${options.out}/report.html in a browser, or read ${options.out}/report.md.`,
  ];
  io.stdout(`${lines.join("\n")}\n`);
}
