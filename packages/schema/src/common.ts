import { z } from "zod";

/** The schema version every record and manifest of this release carries. */
export const SCHEMA_VERSION = 1 as const;

/**
 * Pattern of an identifier: no leading or trailing whitespace. A regex (not a refinement) so that the generated
 * JSON Schema, and therefore the ajv bulk validator, enforces it too.
 */
export const ID_PATTERN = /^\S(?:[\s\S]*\S)?$/;

/** Identifier of an item, judge, comparison or prompt: non-empty, no surrounding whitespace. */
export const idSchema = z
  .string()
  .min(1, "must be a non-empty string")
  .regex(ID_PATTERN, "must not start or end with whitespace");

/** Free-form extra fields. Unknown top-level fields of a record are moved here by the validator. */
export const metadataSchema = z.record(z.string(), z.unknown());

/** Pattern of an ISO 8601 date (`2026-05-05`) or timestamp (`2026-05-05T12:00:00Z`). */
export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 timestamp such as `2026-05-05T12:00:00Z` or a date `2026-05-05`. */
export const timestampSchema = z.string().regex(TIMESTAMP_PATTERN, "must be an ISO 8601 date or timestamp");
