import { z } from "zod";
import type { JudgeTemplate } from "./judge-contract.js";
import { type ParsedVerdict, parseVerdictText } from "./parse-verdict-text.js";
import { positionOfLabel } from "./position-of-label.js";

/** JSON-answer templates: the answer format with its field names and winner values. */
type JsonAnswer = Extract<JudgeTemplate["answer"], { kind: "json" }>;

function jsonAnswerOf(template: JudgeTemplate): JsonAnswer | undefined {
  return template.answer.kind === "json" ? template.answer : undefined;
}

function winnerValues(answer: JsonAnswer): [string, ...string[]] {
  const values = answer.winnerValues;
  return values.tie === undefined ? [values.first, values.second] : [values.first, values.second, values.tie];
}

/**
 * JSON Schema of the structured answer of a JSON-answer template, in the subset every provider accepts (OpenAI
 * strict mode: all properties required, no additional properties; Gemini responseSchema; Anthropic tool input).
 * Undefined for text-answer templates (those are read by the tolerant parser).
 */
export function verdictJsonSchema(template: JudgeTemplate): Record<string, unknown> | undefined {
  const answer = jsonAnswerOf(template);
  if (answer === undefined) return undefined;
  const words = answer.maxRationaleWords === undefined ? "" : ` At most ${answer.maxRationaleWords} words.`;
  return {
    type: "object",
    properties: {
      [answer.winnerField]: {
        type: "string",
        enum: winnerValues(answer),
        description: `${answer.winnerValues.first} = ${template.labels.first}, ${answer.winnerValues.second} = ${template.labels.second}`,
      },
      [answer.rationaleField]: { type: "string", description: `Why this one wins.${words}` },
      ...(answer.confidenceField === undefined
        ? {}
        : {
            [answer.confidenceField]: {
              type: "number",
              description: "Your probability, from 0 to 1, that your verdict is right.",
            },
          }),
    },
    required: [
      answer.winnerField,
      answer.rationaleField,
      ...(answer.confidenceField === undefined ? [] : [answer.confidenceField]),
    ],
    additionalProperties: false,
  };
}

const zodSchemaCache = new WeakMap<JudgeTemplate, z.ZodType<Record<string, unknown>>>();

/** Zod schema that validates a structured answer of a JSON-answer template (built once per template). */
export function verdictZodSchema(template: JudgeTemplate): z.ZodType<Record<string, unknown>> | undefined {
  const answer = jsonAnswerOf(template);
  if (answer === undefined) return undefined;
  const cached = zodSchemaCache.get(template);
  if (cached !== undefined) return cached;
  const schema = z.looseObject({
    [answer.winnerField]: z.enum(winnerValues(answer)),
    [answer.rationaleField]: z.string().optional(),
  });
  zodSchemaCache.set(template, schema);
  return schema;
}

/**
 * Reads a structured answer (a JSON object or its text) with the template's zod schema; values are matched exactly
 * first (`paper1`), then leniently (`Paper 1`). Anything that fails validation falls back to `parseVerdictText`, so
 * a provider that ignored the schema still yields a verdict when one is decidable. `structured` tells which path won.
 */
export function parseStructuredVerdict(
  answer: string | Record<string, unknown>,
  template: JudgeTemplate,
): ParsedVerdict & { structured: boolean } {
  const schema = verdictZodSchema(template);
  const jsonAnswer = jsonAnswerOf(template);
  const text = typeof answer === "string" ? answer : JSON.stringify(answer);
  if (schema !== undefined && jsonAnswer !== undefined) {
    let value: unknown = answer;
    if (typeof answer === "string") {
      try {
        value = JSON.parse(answer);
      } catch {
        value = undefined;
      }
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      const winner = String(parsed.data[jsonAnswer.winnerField]);
      const verdict = positionOfLabel(winner, template);
      const rationale = parsed.data[jsonAnswer.rationaleField];
      if (verdict !== undefined) {
        return {
          type: "verdict",
          verdict,
          ...(typeof rationale === "string" && rationale !== "" ? { rationale } : {}),
          rule: "json",
          structured: true,
        };
      }
    }
  }
  return { ...parseVerdictText(text, template), structured: false };
}
