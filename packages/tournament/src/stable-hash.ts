import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level, so that equal values always give equal text (and equal hashes)
 * whatever the key order in the config or the record. `undefined` fields are dropped, as in JSON.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((entry) => stableStringify(entry)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableStringify(entry)}`).join(",")}}`;
}

/** SHA-256 of a UTF-8 string, hex encoded. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** SHA-256 (hex) of a value's stable JSON. */
export function hashValue(value: unknown): string {
  return sha256Hex(stableStringify(value));
}
