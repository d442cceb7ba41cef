import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
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

/**
 * The dataset of a dataset folder, a comparisons file or a run folder (its exported dataset/ folder); throws a
 * UsageError naming what to give otherwise. Every command that reads a dataset accepts the same three forms.
 */
export function resolveDatasetInput(path: string): string {
  if (!existsSync(path))
    throw new UsageError(`${path} does not exist: give a dataset folder, comparisons .jsonl or run folder`);
  if (!statSync(path).isDirectory()) return path;
  if (
    existsSync(join(path, "dataset.json")) ||
    existsSync(join(path, "comparisons.jsonl")) ||
    existsSync(join(path, "comparisons.jsonl.gz"))
  )
    return path;
  if (existsSync(join(path, "run.json"))) {
    const exported = join(path, "dataset");
    if (existsSync(join(exported, "comparisons.jsonl"))) return exported;
    throw new UsageError(
      `${path} is a run folder without an exported dataset (${exported}); export it first, then report that folder`,
    );
  }
  throw new UsageError(
    `${path} has no dataset.json or comparisons.jsonl: give a dataset folder, a comparisons .jsonl file or a run folder`,
  );
}
