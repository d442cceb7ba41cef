import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RECORD_KINDS, recordJsonSchema, renderJsonSchemaFiles } from "./index.js";

const committedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../json-schema");

describe("committed JSON Schema files", () => {
  it("are exactly what the zod schemas generate (run `pnpm --filter @judgelab/schema generate` when this fails)", () => {
    const expected = renderJsonSchemaFiles();
    const committed = readdirSync(committedDir).filter((name) => name.endsWith(".schema.json"));
    expect(committed.sort()).toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected)) {
      expect(readFileSync(path.join(committedDir, name), "utf8"), `${name} is stale`).toBe(text);
    }
  });

  it("are draft 2020-12 documents with an $id, strict at the top level", () => {
    for (const kind of RECORD_KINDS) {
      const schema = recordJsonSchema(kind);
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.$id).toBe(`urn:judgelab:schema:v1:${kind}.schema.json`);
      if (kind !== "reference") expect(schema.additionalProperties).toBe(false);
    }
    const comparison = recordJsonSchema("comparison") as {
      required: string[];
      properties: Record<string, { pattern?: string }>;
    };
    expect(comparison.required).toEqual(["id", "first", "second", "order", "verdict", "judge"]);
    expect(comparison.properties.id?.pattern).toBeDefined();
  });
});
