import type { ErrorObject } from "ajv/dist/2020.js";
import type { z } from "zod";
import { ID_PATTERN, TIMESTAMP_PATTERN } from "./common.js";

/**
 * One problem with one field of one record: `field` is a dotted path (`usage.inputTokens`, `categories[0]`),
 * or `(record)` when the record as a whole is wrong; `message` reads after the field name
 * (`verdict: must be one of first, second, tie, invalid, got "A"`).
 */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Field name used when a problem concerns the record as a whole. */
export const WHOLE_RECORD_FIELD = "(record)";

/** Messages of the patterns our schemas use, so ajv errors read like the zod ones. */
const PATTERN_MESSAGES = new Map<string, string>([
  [ID_PATTERN.source, "must not start or end with whitespace"],
  [TIMESTAMP_PATTERN.source, "must be an ISO 8601 date or timestamp"],
]);

/** Joins a parent field path and a property name or array index. */
export function joinFieldPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** Converts an ajv instance path (`/usage/inputTokens`, `/categories/0`) into a field path. */
export function fieldPathFromPointer(pointer: string): string {
  if (pointer === "") return "";
  let field = "";
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    field = /^\d+$/.test(key) ? joinFieldPath(field, Number(key)) : joinFieldPath(field, key);
  }
  return field;
}

/** Describes a JSON value briefly for an error message: `"A"`, `42`, `null`, `an object`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Converts one ajv error (compiled with `verbose: true`, so `data` is set) into a field problem. */
export function fieldProblemFromAjvError(error: ErrorObject): FieldProblem {
  const at = fieldPathFromPointer(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const got = `got ${describeValue(error.data)}`;
  switch (error.keyword) {
    case "required":
      return { field: joinFieldPath(at, String(params.missingProperty)), message: "is required" };
    case "additionalProperties":
      return { field: joinFieldPath(at, String(params.additionalProperty)), message: "is not a known field" };
    case "enum":
      return { field: at, message: `must be one of ${(params.allowedValues as unknown[]).join(", ")}, ${got}` };
    case "const":
      return { field: at, message: `must be ${JSON.stringify(params.allowedValue)}, ${got}` };
    case "type": {
      const type = String(params.type).replace("integer", "integer number");
      return { field: at || WHOLE_RECORD_FIELD, message: `must be ${withArticle(type)}, ${got}` };
    }
    case "minLength":
      return {
        field: at,
        message: params.limit === 1 ? "must be a non-empty string" : `must have at least ${params.limit} characters`,
      };
    case "pattern":
      return { field: at, message: `${PATTERN_MESSAGES.get(String(params.pattern)) ?? error.message}, ${got}` };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { field: at, message: `must be ${params.comparison} ${params.limit}, ${got}` };
    default:
      return { field: at || WHOLE_RECORD_FIELD, message: error.message ?? `fails ${error.keyword}` };
  }
}

/** Converts zod issues (from `safeParse`) into field problems with the same field-path convention. */
export function fieldProblemsFromZodIssues(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => {
    let field = "";
    for (const key of issue.path) field = joinFieldPath(field, typeof key === "number" ? key : String(key));
    if (issue.code === "unrecognized_keys") {
      return { field: joinFieldPath(field, issue.keys.join(", ")), message: "is not a known field" };
    }
    return { field: field || WHOLE_RECORD_FIELD, message: issue.message };
  });
}
