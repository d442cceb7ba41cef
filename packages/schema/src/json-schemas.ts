import { z } from "zod";
import { RECORD_KINDS, type RecordKind, recordSchemas } from "./record-schemas.js";

/** Prefix of the `$id` of the generated JSON Schema files (a URN: the project has no schema host). */
export const JSON_SCHEMA_ID_BASE = "urn:judgelab:schema:v1:";

/** File name of a record kind's generated JSON Schema, e.g. `comparison.schema.json`. */
export function jsonSchemaFileName(kind: RecordKind): string {
  return `${kind}.schema.json`;
}

/**
 * The JSON Schema (draft 2020-12) of a record kind, generated from its zod schema with `z.toJSONSchema`.
 * Zod is the source of truth; `packages/schema/json-schema/*.schema.json` are these documents, committed.
 */
export function recordJsonSchema(kind: RecordKind): Record<string, unknown> {
  const generated = z.toJSONSchema(recordSchemas[kind], { target: "draft-2020-12", unrepresentable: "throw" });
  const { $schema, ...rest } = generated as Record<string, unknown>;
  return { $schema, $id: `${JSON_SCHEMA_ID_BASE}${jsonSchemaFileName(kind)}`, title: kind, ...rest };
}

/** Every generated JSON Schema file as `{ fileName: text }` (pretty-printed, trailing newline). */
export function renderJsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const kind of RECORD_KINDS) {
    files[jsonSchemaFileName(kind)] = `${JSON.stringify(recordJsonSchema(kind), null, 2)}\n`;
  }
  return files;
}
