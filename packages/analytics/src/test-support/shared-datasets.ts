import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseDelimitedText } from "@judgelab/datasets";
import { sharedDataPath } from "@judgelab/test-shared-data";

/** The shared third-party datasets folder: `$JUDGELAB_SHARED_DIR/datasets` or `<repo>/../shared/datasets`. */
export const sharedDatasetsDir = sharedDataPath("datasets");

/** Reads a shared file as text, gunzipping `.gz` files. */
export function readSharedText(relativePath: string): string {
  const bytes = readFileSync(path.join(sharedDatasetsDir, relativePath));
  return (relativePath.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

/** Rows of CSV text keyed by the header, with datasets' CSV scanner (the repository's one CSV path). */
export function parseCsv(text: string, separator = ","): Record<string, string>[] {
  return Array.from(parseDelimitedText(text, { delimiter: separator, file: "(shared CSV)" }), (row) => row.record);
}
