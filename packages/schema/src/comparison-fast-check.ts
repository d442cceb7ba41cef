import { ID_PATTERN, TIMESTAMP_PATTERN } from "./common.js";

/** True for an id: a non-empty string without surrounding whitespace (printable ASCII ends are decided here). */
function isId(value: unknown): boolean {
  if (typeof value !== "string" || value.length === 0) return false;
  const head = value.charCodeAt(0);
  const tail = value.charCodeAt(value.length - 1);
  if (head > 32 && head < 127 && tail > 32 && tail < 127) return true;
  return ID_PATTERN.test(value);
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** True for `verdictLogprobs`: an object whose keys are among first/second/tie, each a number ≤ 0. */
function isVerdictLogprobs(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (key !== "first" && key !== "second" && key !== "tie") return false;
    const logprob = record[key];
    if (typeof logprob !== "number" || !(logprob <= 0)) return false;
  }
  return true;
}

/**
 * A fast, conservative check of one comparison record for the bulk-loading hot path: `true` only when the
 * record is certainly valid against `comparison.schema.json` and has no unknown fields; `false` means
 * "not decided here", and the caller runs the full ajv validator (which also produces the messages).
 * Records with `usage` always take the full path. A test pins the JSON Schema this was written against and
 * checks on random records that `true` never disagrees with ajv; update both when the schema changes.
 */
export function isCertainlyValidComparison(record: Record<string, unknown>): boolean {
  let required = 0;
  for (const key in record) {
    const value = record[key];
    switch (key) {
      case "id":
      case "first":
      case "second":
      case "judge":
        if (!isId(value)) return false;
        required++;
        break;
      case "order":
        if (value !== "known" && value !== "unknown") return false;
        required++;
        break;
      case "verdict":
        if (value !== "first" && value !== "second" && value !== "tie" && value !== "invalid") return false;
        required++;
        break;
      case "strength":
        if (value !== "weak" && value !== "strong") return false;
        break;
      case "preference":
      case "confidence":
        if (typeof value !== "number" || !(value >= 0 && value <= 1)) return false;
        break;
      case "prompt":
      case "matchId":
      case "condition":
      case "rationale":
        if (typeof value !== "string") return false;
        break;
      case "repetition":
        if (!Number.isSafeInteger(value) || (value as number) < 0) return false;
        break;
      case "createdAt":
        if (typeof value !== "string" || !TIMESTAMP_PATTERN.test(value)) return false;
        break;
      case "verdictLogprobs":
        if (!isVerdictLogprobs(value)) return false;
        break;
      case "raw":
        break;
      case "metadata":
        if (!isPlainObject(value)) return false;
        break;
      default:
        return false;
    }
  }
  return required === 6;
}
