import type { Comparison, Verdict } from "@judgelab/schema";
import type { ColumnMapping } from "./column-mapping.js";

const BUILT_IN_VERDICTS: Readonly<Record<string, Verdict>> = {
  first: "first",
  a: "first",
  "1": "first",
  model_a: "first",
  left: "first",
  second: "second",
  b: "second",
  "2": "second",
  model_b: "second",
  right: "second",
  tie: "tie",
  c: "tie",
  "0": "tie",
  draw: "tie",
  equal: "tie",
  "tie (bothbad)": "tie",
  invalid: "invalid",
};

/** Reads a field by name, or by a dotted path into nested JSON objects (`judge.model`). */
export function readField(record: Readonly<Record<string, unknown>>, field: string): unknown {
  if (field in record) return record[field];
  let value: unknown = record;
  for (const key of field.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const asText = (value: unknown): string | undefined =>
  value === undefined || value === null || value === "" ? undefined : typeof value === "string" ? value : String(value);

/** The verdict a source value stands for: the mapping's own `values` first, then the built-in words. */
export function genericVerdict(value: unknown, values: Readonly<Record<string, Verdict>>): Verdict | undefined {
  const key = asText(value)?.trim().toLowerCase();
  if (key === undefined) return undefined;
  return values[key] ?? BUILT_IN_VERDICTS[key];
}

/**
 * Maps one source record to a comparison with a column mapping. Returns a skip reason when the record lacks its
 * items; an unreadable verdict becomes `invalid` with the source value in `raw`.
 */
export function mapGenericRecord(
  record: Readonly<Record<string, unknown>>,
  mapping: ColumnMapping,
  fallbackId: string,
): { comparison: Comparison } | { skip: string } {
  const first = asText(readField(record, mapping.first));
  const second = asText(readField(record, mapping.second));
  if (first === undefined || second === undefined) return { skip: `no value in ${mapping.first} or ${mapping.second}` };
  let verdict: Verdict | undefined;
  let rawValue: unknown;
  if (mapping.verdict !== undefined) {
    rawValue = readField(record, mapping.verdict);
    verdict = genericVerdict(rawValue, mapping.values);
  } else if (mapping.winner !== undefined) {
    rawValue = readField(record, mapping.winner);
    const winner = asText(rawValue);
    verdict = winner === first ? "first" : winner === second ? "second" : genericVerdict(winner, mapping.values);
  }
  const optional = (field: string | undefined) => (field === undefined ? undefined : asText(readField(record, field)));
  const orderText =
    mapping.order === undefined
      ? "unknown"
      : "value" in mapping.order
        ? mapping.order.value
        : optional(mapping.order.field);
  const repetition = Number(optional(mapping.repetition));
  const preference = Number(optional(mapping.preference));
  const strength = optional(mapping.strength);
  const fields = {
    prompt: optional(mapping.prompt),
    matchId: optional(mapping.matchId),
    condition: optional(mapping.condition),
    rationale: optional(mapping.rationale),
    createdAt: optional(mapping.createdAt),
  };
  const comparison: Comparison = {
    id: optional(mapping.id) ?? fallbackId,
    first,
    second,
    order: orderText === "known" ? "known" : "unknown",
    verdict: verdict ?? "invalid",
    judge: optional(mapping.judge) ?? mapping.judgeId,
    ...(verdict === undefined || verdict === "invalid" ? { raw: rawValue ?? null } : {}),
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    ...(mapping.repetition !== undefined && Number.isInteger(repetition) && repetition >= 0 ? { repetition } : {}),
    ...(mapping.preference !== undefined && preference >= 0 && preference <= 1 ? { preference } : {}),
    ...(strength === "weak" || strength === "strong" ? { strength } : {}),
  };
  return { comparison };
}
