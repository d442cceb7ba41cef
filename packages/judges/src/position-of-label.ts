import type { JudgeDecision, JudgeTemplate } from "./judge-contract.js";

/** Nouns that name a position ("Paper 1", "Assistant A", "Output (a)", "Response B"). */
export const POSITION_NOUNS = [
  "paper",
  "assistant",
  "response",
  "answer",
  "output",
  "model",
  "candidate",
  "option",
  "submission",
  "summary",
  "text",
  "essay",
  "item",
  "system",
  "completion",
  "article",
] as const;

const FIRST_TOKENS = new Set(["1", "a", "first", "one"]);
const SECOND_TOKENS = new Set(["2", "b", "second", "two"]);
const TIE_TOKENS = new Set([
  "c",
  "tie",
  "tied",
  "draw",
  "equal",
  "equally",
  "both",
  "neither",
  "same",
  "ab",
  "a=b",
  "b=a",
]);

/** Lower-cases and strips decoration (`**`, quotes, brackets, punctuation, whitespace) from a label. */
export function normalizeLabel(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[*_"'`“”‘’[\](){}<>.:;,!?#-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Which position a label or answer value names, or undefined. Understands the template's own labels and winner
 * values, and the common forms `1`/`A`/`first`, `Paper 1`, `Assistant A`, `Output (a)`, `Response B`, `paper2`,
 * `the first paper`, and tie words (`tie`, `C`, `draw`, `equal`, `both`, `neither`).
 */
export function positionOfLabel(raw: string, template?: JudgeTemplate): JudgeDecision | undefined {
  const label = normalizeLabel(raw);
  if (label === "") return undefined;
  if (template !== undefined) {
    if (label === normalizeLabel(template.labels.first)) return "first";
    if (label === normalizeLabel(template.labels.second)) return "second";
    if (template.answer.kind === "json") {
      const values = template.answer.winnerValues;
      if (label === normalizeLabel(values.first)) return "first";
      if (label === normalizeLabel(values.second)) return "second";
      if (values.tie !== undefined && label === normalizeLabel(values.tie)) return "tie";
    }
  }
  const compact = label.replace(/\s+/g, "");
  if (TIE_TOKENS.has(label) || TIE_TOKENS.has(compact)) return "tie";
  const words = label.split(" ").filter((word) => word !== "the");
  let token: string | undefined;
  if (words.length === 1) {
    const [word] = words as [string];
    const glued = /^([a-z]+?)(\d|[ab])$/.exec(word);
    if (FIRST_TOKENS.has(word) || SECOND_TOKENS.has(word)) token = word;
    else if (glued !== null && (POSITION_NOUNS as readonly string[]).includes(glued[1] ?? "")) token = glued[2];
  } else if (words.length === 2) {
    const [head, tail] = words as [string, string];
    if ((POSITION_NOUNS as readonly string[]).includes(head)) token = tail;
    else if ((POSITION_NOUNS as readonly string[]).includes(tail) || tail === "one") token = head;
  }
  if (token === undefined) return undefined;
  if (FIRST_TOKENS.has(token)) return "first";
  if (SECOND_TOKENS.has(token)) return "second";
  return undefined;
}
