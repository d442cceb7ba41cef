#!/usr/bin/env node
// Lists functions longer than 80 lines (biome's noExcessiveLinesPerFunction, which counts the lines of the
// function's body) in the sources of apps/, packages/ and scripts/; tests and test-only helpers are left out.
// Run by `pnpm lint` with --strict: any such function fails the lint (exit 1). Without --strict the list is only
// printed as a warning (exit 0).
//
//   node scripts/lint/function-length.mjs            print the list (warning)
//   node scripts/lint/function-length.mjs --strict   exit 1 when the list is not empty
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAX_LINES = 80;
const strict = process.argv.includes("--strict");
const configDir = mkdtempSync(join(tmpdir(), "judgelab-function-length-"));
const config = {
  files: {
    includes: [
      "**",
      "!**/node_modules",
      "!**/dist",
      "!**/json-schema",
      "!**/*.test.ts",
      "!**/*.test-helper.ts",
      "!**/test-support",
    ],
  },
  linter: {
    enabled: true,
    rules: {
      recommended: false,
      complexity: { noExcessiveLinesPerFunction: { level: "error", options: { maxLines: MAX_LINES } } },
    },
  },
  formatter: { enabled: false },
  assist: { enabled: false },
};
writeFileSync(join(configDir, "biome.json"), JSON.stringify(config));
const run = spawnSync(
  "pnpm",
  [
    "exec",
    "biome",
    "lint",
    "--config-path",
    configDir,
    "--reporter=json",
    "--max-diagnostics=none",
    "apps",
    "packages",
    "scripts",
  ],
  { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
);
rmSync(configDir, { recursive: true, force: true });
const start = run.stdout.indexOf("{");
if (start < 0) {
  process.stderr.write(`function-length: biome gave no report\n${run.stderr}`);
  process.exit(1);
}
const report = JSON.parse(run.stdout.slice(start));
const long = report.diagnostics
  .filter((diagnostic) => diagnostic.category === "lint/complexity/noExcessiveLinesPerFunction")
  .map((diagnostic) => ({
    where: `${diagnostic.location.path}:${diagnostic.location.start.line}`,
    lines: Number(/\((\d+)\)/.exec(diagnostic.message)?.[1] ?? Number.NaN),
  }))
  .sort((a, b) => b.lines - a.lines);
if (long.length === 0) {
  process.stdout.write(`function-length: every function is at most ${MAX_LINES} lines\n`);
  process.exit(0);
}
const list = long.map(({ where, lines }) => `  ${String(lines).padStart(4)} lines  ${where}`).join("\n");
process.stderr.write(
  `function-length: ${strict ? "error" : "warning"}: ${long.length} functions over ${MAX_LINES} lines (split them into named steps):\n${list}\n`,
);
process.exit(strict ? 1 : 0);
