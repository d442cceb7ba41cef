/**
 * Writes `packages/analytics/json-schema/metrics-document.schema.json` from the zod schema in
 * `schema/metrics-document-schema.ts`.
 * Run with `pnpm --filter @judgelab/analytics generate`; `metrics-document-schema.test.ts` fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderMetricsDocumentJsonSchema } from "../schema/metrics-document-schema.js";

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../json-schema/metrics-document.schema.json");
writeFileSync(file, renderMetricsDocumentJsonSchema());
process.stdout.write(`wrote ${file}\n`);
