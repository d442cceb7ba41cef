import { readFileSync } from "node:fs";
import { type ModelFamilyTable, parseModelFamilies } from "@judgelab/datasets";
import { UsageError } from "./cli-io.js";

/**
 * The model-family table of a `--families` file: a JSON object `{"<name prefix>": "<family>" | null}` merged over
 * the built-in table (longest prefix wins; null = not of any family). Errors name the file.
 */
export function readFamiliesFile(path: string, shown: string): ModelFamilyTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`--families ${shown}: cannot read the file; give a JSON file {"<prefix>": "<family>" | null}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--families ${shown}: not JSON (${(error as Error).message})`);
  }
  try {
    return parseModelFamilies(value, shown);
  } catch (error) {
    throw new UsageError(`--families ${(error as Error).message}`);
  }
}
