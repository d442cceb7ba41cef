import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Comparison } from "@judgelab/schema";
import { LogLineError } from "./append-only-log.js";
import type { RunLogRecord } from "./run-records.js";
import { comparisonsInPlanOrder } from "./run-state.js";
import type { RunManifest } from "./run-store.js";

/** A run folder read without modifying it (for reports and inspection). */
export interface RunFolder {
  readonly manifest: RunManifest;
  readonly records: RunLogRecord[];
  /** Canonical comparisons in plan order: verdicts, and judge-side failures as `invalid`. */
  readonly comparisons: Comparison[];
  /** Bytes of a torn last line that were ignored (a run that was killed and not resumed yet). */
  readonly tornBytes: number;
}

/**
 * Reads `run.json` and `log.jsonl` of a run folder, read-only: a torn last line is ignored and reported in
 * `tornBytes` (only opening the run for writing repairs it); any other malformed line is an error naming the line.
 */
export function readRunFolder(dir: string): RunFolder {
  const manifestPath = join(dir, "run.json");
  if (!existsSync(manifestPath)) throw new Error(`${dir}: not a run folder (no run.json)`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as RunManifest;
  const logPath = join(dir, "log.jsonl");
  const text = existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
  const end = text.lastIndexOf("\n") + 1;
  const records = text
    .slice(0, end)
    .split("\n")
    .slice(0, -1)
    .map((line, index) => {
      try {
        return JSON.parse(line) as RunLogRecord;
      } catch (error) {
        throw new LogLineError(logPath, index + 1, `not valid JSON (${(error as Error).message})`);
      }
    });
  return {
    manifest,
    records,
    comparisons: comparisonsInPlanOrder(records),
    tornBytes: Buffer.byteLength(text.slice(end)),
  };
}
