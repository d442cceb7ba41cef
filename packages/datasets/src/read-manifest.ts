import { readFile } from "node:fs/promises";
import { createRecordValidator, type DatasetManifest } from "@judgelab/schema";
import type { ScanContext } from "./scan-context.js";
import { FILE_FIELD } from "./validation-report.js";

/** Line of a JSON.parse error position in a text (1-based), or 0 when the message has no position. */
function lineOfJsonError(text: string, message: string): number {
  const match = /position (\d+)/.exec(message);
  if (match === null) return 0;
  const position = Number(match[1]);
  let line = 1;
  for (let index = 0; index < position && index < text.length; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

/** Reads and checks `dataset.json`; reports problems to the context and returns undefined when invalid. */
export async function readManifest(file: string, context: ScanContext): Promise<DatasetManifest | undefined> {
  if (!context.requireFile(file, "a dataset folder needs dataset.json (schemaVersion, name)")) return undefined;
  const text = await readFile(file, "utf8");
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    context.problems.add(file, lineOfJsonError(text, message), FILE_FIELD, `not valid JSON (${message})`);
    return undefined;
  }
  const problems = createRecordValidator("manifest").check(value, context.moved.buffer);
  context.moved.flush();
  for (const problem of problems) context.problems.add(file, 0, problem.field, problem.message);
  return problems.length === 0 ? (value as DatasetManifest) : undefined;
}
