/** Family names recognised in model identifiers, most specific first. */
const FAMILY_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/claude|anthropic/i, "claude"],
  [/gemini|gemma/i, "gemini"],
  [/palm|bard|bison/i, "palm"],
  [/gpt|openai|davinci|chatgpt|\bo1\b|\bo3\b/i, "gpt"],
  [/vicuna/i, "vicuna"],
  [/alpaca/i, "alpaca"],
  [/llama/i, "llama"],
  [/mistral|mixtral/i, "mistral"],
  [/qwen/i, "qwen"],
  [/falcon/i, "falcon"],
  [/pandalm/i, "pandalm"],
];

/**
 * The model family of a model or judge name (`gpt-4-0613` → `gpt`, `claude-3-opus` → `claude`), used for
 * self-preference analysis (a judge favouring answers of its own family). Undefined when not recognised.
 */
export function modelFamily(name: string): string | undefined {
  for (const [pattern, family] of FAMILY_PATTERNS) if (pattern.test(name)) return family;
  return undefined;
}

/** The `producer` fields of an item written by a model: its name and, when recognised, its family. */
export function producerFields(model: string): { producer: string; producerFamily?: string } {
  const family = modelFamily(model);
  return family === undefined ? { producer: model } : { producer: model, producerFamily: family };
}
