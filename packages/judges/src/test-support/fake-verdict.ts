import { createHash } from "node:crypto";
import { fakeVerdictProbabilities } from "./fake-logprobs.js";

/** Positional verdict decided by a fake server. */
export type FakeDecision = "first" | "second" | "tie";

const SCORE = /\bscore=(-?\d+(?:\.\d+)?)/g;

/**
 * Item text carrying a ground-truth score the fake servers read back: `score=<value> <text>`. The score comes first
 * so that truncation of long texts (the paper template keeps 1,500 characters) never cuts it off.
 */
export function fakeScoredText(score: number, text = "An item."): string {
  return `score=${score} ${text}`;
}

/** The verdict fake servers give for items with these scores in presented order: higher score wins, equal ties. */
export function expectedFakeVerdict(firstScore: number, secondScore: number): FakeDecision {
  return firstScore > secondScore ? "first" : firstScore < secondScore ? "second" : "tie";
}

/**
 * Decides a prompt the way every fake server does: the first two `score=` tokens in the prompt belong to the items in
 * presented order (templates render the first item before the second), and `expectedFakeVerdict` applies. Prompts
 * without two scores get a verdict from a hash of the prompt (deterministic, but not ground truth).
 */
export function decideFakeVerdict(promptText: string): FakeDecision {
  const scores = [...promptText.matchAll(SCORE)].map((match) => Number(match[1]));
  if (scores.length >= 2) return expectedFakeVerdict(scores[0]!, scores[1]!);
  return createHash("sha256").update(promptText).digest()[0]! % 2 === 0 ? "first" : "second";
}

/**
 * Structured-output schema as sent by a client: an object with an enum property (the winner), a string property
 * (the rationale) and optionally number properties (a stated confidence, e.g. a template's `confidenceField`).
 */
function winnerFieldsOf(
  schema: unknown,
): { winner: string; values: string[]; rationale?: string; numbers: string[] } | undefined {
  const properties = (schema as { properties?: Record<string, { enum?: unknown; type?: unknown }> } | undefined)
    ?.properties;
  if (properties === undefined || properties === null) return undefined;
  const entries = Object.entries(properties);
  const winner = entries.find(([, property]) => Array.isArray(property?.enum));
  if (winner === undefined) return undefined;
  const isNumber = (property: { type?: unknown } | undefined) => String(property?.type).toLowerCase() === "number";
  const rationale = entries.find(([name, property]) => name !== winner[0] && !isNumber(property));
  return {
    winner: winner[0],
    values: (winner[1].enum as unknown[]).map(String),
    ...(rationale === undefined ? {} : { rationale: rationale[0] }),
    numbers: entries.filter(([, property]) => isNumber(property)).map(([name]) => name),
  };
}

const UNPARSEABLE_TEXT = "Both submissions have real strengths and real weaknesses; this is a difficult comparison.";
/** Text of a refusal, shared by the fake servers. */
export const FAKE_REFUSAL_TEXT = "I'm sorry, but I can't help with comparing these.";

/** A fake answer: its text, its JSON when it is one, and the verdict values it chose from (`at` = the chosen one). */
export interface FakeAnswer {
  readonly text: string;
  readonly json?: Record<string, unknown>;
  /** Winner values or markers in positional order (first, second, tie); absent for an unparseable answer. */
  readonly values?: readonly string[];
  readonly at?: number;
}

/**
 * The answer a fake judge writes for a verdict, in the format the request asked for: JSON following the structured
 * output schema when one was sent; otherwise `[[A]]`/`[[B]]`/`[[C]]` when the prompt mentions those markers; otherwise
 * the paper-impact JSON when the prompt mentions `paper1`; otherwise a `[[A]]`-style marker. `unparseable` gives text
 * without a decidable verdict.
 */
export function composeFakeAnswer(options: {
  readonly verdict: FakeDecision;
  readonly promptText: string;
  readonly schema?: unknown;
  readonly unparseable?: boolean;
}): FakeAnswer {
  if (options.unparseable === true) return { text: UNPARSEABLE_TEXT };
  const { verdict, promptText } = options;
  const position = verdict === "first" ? 0 : verdict === "second" ? 1 : 2;
  const fields = winnerFieldsOf(options.schema);
  const reason = `Fake judge: the ${verdict === "tie" ? "items are even" : `${verdict} item has the higher score`}.`;
  if (fields !== undefined) {
    const json: Record<string, unknown> = {
      [fields.winner]: fields.values[position] ?? fields.values[0] ?? "",
      ...(fields.rationale === undefined ? {} : { [fields.rationale]: reason }),
    };
    // A stated confidence: the fake's probability of the verdict it gives (see fakeVerdictProbabilities).
    const stated = fakeVerdictProbabilities(promptText, { text: "", values: fields.values, at: position })[position];
    for (const name of fields.numbers) json[name] = stated;
    return { text: JSON.stringify(json), json, values: fields.values, at: position };
  }
  const marker = { text: `${reason}\n\n[[${"ABC"[position]}]]`, values: ["A", "B", "C"], at: position };
  if (promptText.includes("[[A]]")) return marker;
  if (promptText.includes("paper1")) {
    const values = ["paper1", "paper2", "tie"];
    const json = { winner: values[position]!, reasoning: reason };
    return { text: JSON.stringify(json), json, values, at: position };
  }
  return marker;
}

/** Rough token count used by the fakes: one token per four characters, at least one. */
export function fakeTokenCount(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
