import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { sharedDataPath } from "@judgelab/test-shared-data";

/** The shared third-party datasets folder: `$JUDGELAB_SHARED_DIR/datasets` or `<repo>/../shared/datasets`. */
export const sharedDatasetsDir = sharedDataPath("datasets");

/** Reads a shared file as text, gunzipping `.gz` files. */
export function readSharedText(relativePath: string): string {
  const bytes = readFileSync(path.join(sharedDatasetsDir, relativePath));
  return (relativePath.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, commas and newlines inside quotes) into rows of
 * strings keyed by the header. Small and strict enough for the shared test files.
 */
export function parseCsv(text: string, separator = ","): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  if (header === undefined) return [];
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ""])));
}
