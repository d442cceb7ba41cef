import { z } from "zod";
import { idSchema, metadataSchema } from "./common.js";

/** Per-item reference score, e.g. the mean of human reviewer ratings, or a committee decision. */
export const itemReferenceSchema = z.strictObject({
  kind: z.literal("item"),
  item: idSchema,
  name: z.string().min(1),
  score: z.number().optional(),
  label: z.string().optional(),
  metadata: metadataSchema.optional(),
});

/** Per-pair gold label: which of two items is better (`a`, `b` or `tie`), optionally for one prompt. */
export const pairReferenceSchema = z.strictObject({
  kind: z.literal("pair"),
  a: idSchema,
  b: idSchema,
  name: z.string().min(1),
  winner: z.enum(["a", "b", "tie"]),
  prompt: z.string().optional(),
  metadata: metadataSchema.optional(),
});

/** Reference: ground truth or human consensus against which judges are scored. */
export const referenceSchema = z.discriminatedUnion("kind", [itemReferenceSchema, pairReferenceSchema]);

/** One reference record (a line of `references.jsonl`). */
export type Reference = z.infer<typeof referenceSchema>;
