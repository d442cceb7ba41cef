import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { type metricsDocumentSchema, renderMetricsDocumentJsonSchema } from "../schema/metrics-document-schema.js";
import { analyzeJudges } from "./analyze-judges.js";
import type { MetricsDocument } from "./metrics-document.js";
import { simulateJudges } from "./test-support/simulate-judges.js";

const committedFile = new URL("../json-schema/metrics-document.schema.json", import.meta.url);
const committed = readFileSync(committedFile, "utf8");
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(committed));

/** `path: message` lines of ajv's errors, for readable failures. */
function problems(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).slice(0, 10).map((error) => `${error.instancePath}: ${error.message}`);
}

// Type-level drift checks, both ways: a document the schema accepts is a MetricsDocument, and a MetricsDocument
// (with the CLI's optional `filter`) is what the schema describes. They fail `pnpm typecheck`, not at run time.
type SchemaDocument = z.infer<typeof metricsDocumentSchema>;
export const schemaToTypes = (document: SchemaDocument): MetricsDocument => document;
export const typesToSchema = (document: MetricsDocument & { readonly filter?: string }): SchemaDocument =>
  document as DeepMutable<typeof document>;
type DeepMutable<T> = T extends readonly (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

describe("the metrics document's JSON Schema", () => {
  it("is the committed file (regenerate: pnpm --filter @judgelab/analytics generate)", () => {
    expect(committed).toBe(renderMetricsDocumentJsonSchema());
  });

  it("accepts the committed demo report's metrics.json", () => {
    const demo = JSON.parse(readFileSync(new URL("../../../reports/demo/metrics.json", import.meta.url), "utf8"));
    expect(problems(demo)).toEqual([]);
  });

  it("accepts an analysis with every section computed, after a JSON round trip (as analyze --json writes it)", () => {
    const simulation = simulateJudges({
      seed: 3,
      items: 20,
      pairs: 120,
      bothOrders: true,
      repetitions: 2,
      families: ["gpt", "claude"],
      judges: [
        { id: "a", family: "gpt", positionBias: 0.4 },
        { id: "b", family: "claude" },
      ],
    });
    const document = analyzeJudges({
      table: simulation.table,
      items: simulation.items,
      judges: simulation.judges,
      references: { name: "quality", itemScore: simulation.quality },
      options: {
        seed: 1,
        bootstrapRounds: 30,
        condition: { field: "repetition", codes: simulation.table.repetition, labels: ["0", "1"] },
      },
    });
    expect(document.reference.available && document.conditions.available).toBe(true);
    expect(problems(JSON.parse(JSON.stringify(document)))).toEqual([]);
  });

  it("refuses a document with a missing figure, a wrong type or an unknown field", () => {
    const demo = JSON.parse(readFileSync(new URL("../../../reports/demo/metrics.json", import.meta.url), "utf8"));
    expect(problems({ ...demo, dataset: { ...demo.dataset, items: undefined } }).join()).toContain(
      "/dataset: must have required property 'items'",
    );
    expect(problems({ ...demo, schemaVersion: 2 }).join()).toContain("/schemaVersion");
    expect(problems({ ...demo, extra: 1 }).join()).toContain("must NOT have additional properties");
  });
});
