import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { exportRunDatasetFromLog, LogLineError } from "@judgelab/tournament";
import { UsageError } from "./cli-io.js";

/** The repository root (this file is apps/cli/src/paths.ts, or apps/cli/dist/paths.js). */
export function repositoryRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
}

/** A path as the user would type it: relative to their directory when inside it. */
export function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path);
  return shown === "" ? "." : shown.startsWith("..") || isAbsolute(shown) ? path : shown;
}

/** What a command reads: a dataset folder or comparisons file, or a run folder (read through its log). */
export type DatasetInput = { readonly dataset: string } | { readonly runDir: string };

/**
 * Tells a dataset folder, a comparisons file and a run folder apart; throws a UsageError naming what to give
 * otherwise. Every command that reads a dataset accepts the same three forms.
 */
export function resolveDatasetInput(path: string): DatasetInput {
  if (!existsSync(path))
    throw new UsageError(`${path} does not exist: give a dataset folder, comparisons .jsonl or run folder`);
  if (!statSync(path).isDirectory()) return { dataset: path };
  if (
    existsSync(join(path, "dataset.json")) ||
    existsSync(join(path, "comparisons.jsonl")) ||
    existsSync(join(path, "comparisons.jsonl.gz")) ||
    existsSync(join(path, "comparisons.parquet"))
  )
    return { dataset: path };
  if (existsSync(join(path, "run.json"))) return { runDir: path };
  throw new UsageError(
    `${path} has no dataset.json or comparisons.jsonl: give a dataset folder, a comparisons .jsonl file or a run folder`,
  );
}

/** A dataset ready to load: its path, a label for reports, and `close()` to remove what opening it made. */
export interface OpenedDataset {
  readonly path: string;
  readonly label: string;
  close(): void;
}

/**
 * Opens what `path` names ({@link resolveDatasetInput}). A run folder is read from its log as it is now, into a
 * temporary dataset folder (a run killed mid-way leaves a stale dataset/ export behind), with the items and judges
 * of its dataset/ export; a torn or corrupt log line is a UsageError naming the line.
 */
export async function openDatasetInput(cwd: string, path: string): Promise<OpenedDataset> {
  const input = resolveDatasetInput(resolve(cwd, path));
  if ("dataset" in input) return { path: input.dataset, label: displayPath(cwd, input.dataset), close: () => {} };
  const dir = mkdtempSync(join(tmpdir(), "judgelab-run-dataset-"));
  try {
    await exportRunDatasetFromLog({ runDir: input.runDir, outDir: dir });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    if (error instanceof LogLineError) throw new UsageError(error.message);
    throw error;
  }
  return {
    path: dir,
    label: `${displayPath(cwd, input.runDir)} (log)`,
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
