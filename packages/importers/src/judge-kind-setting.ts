import { type JudgeKind, judgeKindSchema } from "@judgelab/schema";
import { ImportInputError } from "./import-input-error.js";

/** Parses the `judge-kind` setting (llm | human | gold | simulated), with a default. */
export function judgeKindSetting(value: string | undefined, fallback: JudgeKind): JudgeKind {
  if (value === undefined) return fallback;
  const parsed = judgeKindSchema.safeParse(value);
  if (!parsed.success) {
    throw new ImportInputError(`--set judge-kind must be one of llm, human, gold, simulated, got "${value}"`);
  }
  return parsed.data;
}
