import type { Comparison, Item } from "@judgelab/schema";
import { ImportInputError } from "../import-input-error.js";
import { producerFields } from "../model-family.js";

/** What the items of an Arena import are: the models (default), or each battle's two answers. */
export type ArenaItems = "models" | "answers";

/** Reads the `items` setting: `models` (default) or `answers`; anything else is an input error. */
export function arenaItemsSetting(value: string | undefined): ArenaItems {
  if (value === undefined || value === "models" || value === "answers") return value ?? "models";
  throw new ImportInputError(`items: expected models or answers, got "${value}"`);
}

/**
 * The text of one side of a battle: the assistant messages of `conversation_a/b` (a list of `{role, content}`),
 * or the 55k layout's `response_a/b` (a JSON-encoded list of strings; null entries are empty), joined by blank
 * lines. Undefined when the record has neither.
 */
export function arenaAnswerText(conversation: unknown, response: unknown): string | undefined {
  if (Array.isArray(conversation)) {
    const answers = conversation
      .filter((message) => (message as { role?: unknown } | null)?.role === "assistant")
      .map((message) => String((message as { content?: unknown }).content ?? ""));
    return answers.length === 0 ? undefined : answers.join("\n\n");
  }
  if (typeof response !== "string") return undefined;
  try {
    const parsed: unknown = JSON.parse(response);
    if (Array.isArray(parsed)) return parsed.map((part) => (part === null ? "" : String(part))).join("\n\n");
  } catch {
    // Not JSON: the response is the text itself.
  }
  return response;
}

/**
 * A battle with answer-level items: `<battle id>/a` and `<battle id>/b`, each produced by its model and holding its
 * text (so `--group producer --control length,markdown` rates the models controlled for style, as Chatbot Arena
 * does). Undefined when either side has no text.
 */
export function arenaAnswerItems(
  comparison: Comparison,
  record: Readonly<Record<string, unknown>>,
): { comparison: Comparison; items: [Item, Item] } | undefined {
  const textA = arenaAnswerText(record.conversation_a, record.response_a);
  const textB = arenaAnswerText(record.conversation_b, record.response_b);
  if (textA === undefined || textB === undefined) return undefined;
  const item = (side: "a" | "b", model: string, text: string): Item => ({
    id: `${comparison.id}/${side}`,
    ...producerFields(model),
    text,
    length: text.length,
  });
  return {
    comparison: { ...comparison, first: `${comparison.id}/a`, second: `${comparison.id}/b` },
    items: [item("a", comparison.first, textA), item("b", comparison.second, textB)],
  };
}
