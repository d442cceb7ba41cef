import { z } from "zod";
import { idSchema, metadataSchema } from "./common.js";

/** Kinds of judges: an LLM, a human annotator, a gold label, or a simulated judge with known ground truth. */
export const judgeKindSchema = z.enum(["llm", "human", "gold", "simulated"]);

/** Judge: who produced a verdict. `family` (e.g. `gpt`, `claude`) is used for self-preference analysis. */
export const judgeSchema = z.strictObject({
  id: idSchema,
  kind: judgeKindSchema,
  provider: z.string().optional(),
  model: z.string().optional(),
  family: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  metadata: metadataSchema.optional(),
});

/** One judge record (a line of `judges.jsonl`). */
export type Judge = z.infer<typeof judgeSchema>;
/** Kind of a judge. */
export type JudgeKind = z.infer<typeof judgeKindSchema>;
