/**
 * Model families by exact name prefix. A model name is lower-cased and reduced to its last path segment
 * (`openai/gpt-4` → `gpt-4`); the family is that of the LONGEST prefix in the table that the name starts with, or
 * none. A prefix mapped to `null` names a model that is NOT of the family a shorter prefix would give
 * (`cerebras-gpt` is not GPT; `claude2-alpaca` is a LLaMA fine-tune on Claude outputs). Family names follow the
 * vendor's line, as self-preference studies compare a judge with answers of its own model line
 * (Panickssery et al. 2024, "LLM evaluators recognize and favor their own generations"; Zheng et al. 2023).
 */
export type ModelFamilyTable = Readonly<Record<string, string | null>>;

/** The built-in table (see {@link ModelFamilyTable}); a file passed to `--families` adds to and overrides it. */
export const DEFAULT_MODEL_FAMILIES: ModelFamilyTable = {
  "gpt-3": "gpt",
  "gpt-35": "gpt",
  gpt35: "gpt",
  "gpt-4": "gpt",
  gpt4: "gpt",
  "gpt-5": "gpt",
  chatgpt: "gpt",
  "text-davinci": "gpt",
  text_davinci: "gpt",
  "o1-": "gpt",
  "o3-": "gpt",
  alpaca_eval_gpt4: "gpt",
  alpaca_eval_cot_gpt4: "gpt",
  weighted_alpaca_eval_gpt4: "gpt",
  alpaca_eval_claude: "claude",
  claude: "claude",
  "claude2-alpaca": null,
  bedrock_claude: "claude",
  "anthropic.claude": "claude",
  gemini: "gemini",
  gemma: "gemini",
  palm: "palm",
  bard: "palm",
  "text-bison": "palm",
  "chat-bison": "palm",
  vicuna: "vicuna",
  "alpaca-": "alpaca",
  llama: "llama",
  "meta-llama": "llama",
  codellama: "llama",
  mistral: "mistral",
  mixtral: "mistral",
  qwen: "qwen",
  falcon: "falcon",
  pandalm: "pandalm",
};

/** The family of a model name by the longest matching prefix of `table`; undefined when none (or mapped to null). */
export function modelFamily(name: string, table: ModelFamilyTable = DEFAULT_MODEL_FAMILIES): string | undefined {
  const key = (name.split("/").at(-1) ?? name).trim().toLowerCase();
  let best: string | undefined;
  for (const prefix of Object.keys(table)) {
    if (key.startsWith(prefix.toLowerCase()) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? undefined : (table[best] ?? undefined);
}

/**
 * A family table from a JSON object `{ "<prefix>": "<family>" | null, … }` (e.g. the contents of a `--families`
 * file) merged over {@link DEFAULT_MODEL_FAMILIES}. Throws a RangeError naming the bad entry.
 */
export function parseModelFamilies(value: unknown, source: string): ModelFamilyTable {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new RangeError(`${source}: expected a JSON object {"<name prefix>": "<family>" | null, …}`);
  }
  const table: Record<string, string | null> = { ...DEFAULT_MODEL_FAMILIES };
  for (const [prefix, family] of Object.entries(value as Record<string, unknown>)) {
    if (prefix.trim() === "") throw new RangeError(`${source}: an empty prefix cannot name a family`);
    if (family !== null && (typeof family !== "string" || family.trim() === "")) {
      throw new RangeError(`${source}: "${prefix}": the family must be a non-empty string or null`);
    }
    table[prefix] = family as string | null;
  }
  return table;
}
