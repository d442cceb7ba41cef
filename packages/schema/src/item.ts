import { z } from "zod";
import { idSchema, metadataSchema } from "./common.js";

/**
 * Item: what is rated. A research paper, a model, or one model's answer to one prompt.
 * `producer` names the model (or model family) that produced the item, for self-preference analysis.
 */
export const itemSchema = z.strictObject({
  id: idSchema,
  title: z.string().optional(),
  text: z.string().optional(),
  category: z.string().optional(),
  categories: z.array(z.string()).optional(),
  producer: z.string().optional(),
  producerFamily: z.string().optional(),
  length: z.number().int().nonnegative().optional(),
  metadata: metadataSchema.optional(),
});

/** One item record (a line of `items.jsonl`). */
export type Item = z.infer<typeof itemSchema>;
