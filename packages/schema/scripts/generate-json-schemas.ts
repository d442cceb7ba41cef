/**
 * Writes `packages/schema/json-schema/*.schema.json` from the zod schemas.
 * Run with `pnpm --filter @judgelab/schema generate`; `json-schemas.test.ts` fails when the files are stale.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderJsonSchemaFiles } from "../src/json-schemas.js";

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../json-schema");
mkdirSync(outDir, { recursive: true });
const files = renderJsonSchemaFiles();
for (const existing of readdirSync(outDir)) {
  if (existing.endsWith(".schema.json") && !(existing in files)) rmSync(path.join(outDir, existing));
}
for (const [name, text] of Object.entries(files)) writeFileSync(path.join(outDir, name), text);
process.stdout.write(`wrote ${Object.keys(files).length} JSON Schema files to ${outDir}\n`);
