import { extractJsonObjects } from "./extract-json-objects.js";
import { findPhraseVerdicts, type VerdictHit } from "./find-phrase-verdicts.js";
import type { JudgeDecision, JudgeTemplate } from "./judge-contract.js";
import { positionOfLabel } from "./position-of-label.js";

/** Outcome of reading a verdict from text. */
export type ParsedVerdict =
  | {
      readonly type: "verdict";
      readonly verdict: JudgeDecision;
      readonly strength?: "weak" | "strong";
      readonly rationale?: string;
      /** Which rule decided: a JSON object, a `[[…]]` marker, or a decision phrase. */
      readonly rule: "json" | "marker" | "phrase";
    }
  | { readonly type: "failure"; readonly kind: "unparseable" | "refusal" | "empty"; readonly message: string };

type Hit = VerdictHit;

const WINNER_KEYS = [
  "winner",
  "verdict",
  "choice",
  "decision",
  "better",
  "preferred",
  "preference",
  "answer",
  "result",
  "final_verdict",
  "finalVerdict",
  "selected",
];
const RATIONALE_KEYS = ["reasoning", "rationale", "explanation", "reason", "justification", "analysis"];

/**
 * Reads an Arena-Hard / MT-Bench marker body: `A`, `B`, `C`, `tie`, `A>>B`, `A>B`, `A=B`, `B>A`, `B>>A` (and the
 * mirrored `<` forms). `>>` is a strong preference, `>` a weak one.
 */
export function parseVerdictMarker(body: string): Omit<Hit, "index"> | undefined {
  const compact = body.replace(/\s+/g, "").toUpperCase();
  if (compact === "A") return { verdict: "first" };
  if (compact === "B") return { verdict: "second" };
  if (compact === "C" || compact === "TIE") return { verdict: "tie" };
  const graded = /^([AB])(>{1,3}|<{1,3}|={1,2})([AB])$/.exec(compact);
  if (graded === null || graded[1] === graded[3]) return undefined;
  const [, left, relation] = graded as unknown as [string, "A" | "B", string, string];
  if (relation.startsWith("=")) return { verdict: "tie" };
  const leftWins = relation.startsWith(">");
  const winner = leftWins ? left : left === "A" ? "B" : "A";
  return { verdict: winner === "A" ? "first" : "second", strength: relation.length >= 2 ? "strong" : "weak" };
}

const CONCLUSION = /\b(?:final(?:ly)?|overall|in conclusion|in summary|therefore|thus|verdict|winner|decision)\b/gi;

/** Resolves hits of one rule: one distinct decision wins; conflicts are settled by the text after its conclusion. */
function resolveHits(hits: readonly Hit[], text: string): Hit | "ambiguous" | undefined {
  if (hits.length === 0) return undefined;
  const key = (hit: Hit): string => `${hit.verdict}/${hit.strength ?? ""}`;
  if (new Set(hits.map(key)).size === 1) return hits[hits.length - 1];
  const lastLine = text.trimEnd().lastIndexOf("\n");
  const onLastLine = hits.filter((hit) => hit.index > lastLine);
  if (lastLine >= 0 && onLastLine.length > 0 && new Set(onLastLine.map(key)).size === 1) return onLastLine[0];
  const conclusions = [...text.matchAll(CONCLUSION)];
  const conclusion = conclusions[conclusions.length - 1];
  if (conclusion !== undefined) {
    const after = hits.filter((hit) => hit.index > (conclusion.index ?? 0));
    if (after.length > 0 && new Set(after.map(key)).size === 1) return after[0];
  }
  return "ambiguous";
}

function jsonHits(text: string, template: JudgeTemplate | undefined): { hits: Hit[]; rationale?: string } {
  const winnerKeys = template?.answer.kind === "json" ? [template.answer.winnerField, ...WINNER_KEYS] : WINNER_KEYS;
  const rationaleKeys =
    template?.answer.kind === "json" ? [template.answer.rationaleField, ...RATIONALE_KEYS] : RATIONALE_KEYS;
  const hits: Hit[] = [];
  let rationale: string | undefined;
  for (const [index, object] of extractJsonObjects(text).entries()) {
    const key = winnerKeys.find((name) => typeof object[name] === "string" || typeof object[name] === "number");
    if (key === undefined) continue;
    const value = String(object[key]);
    const marker = parseVerdictMarker(value.replace(/^\[\[|\]\]$/g, ""));
    const verdict = marker?.verdict ?? positionOfLabel(value, template);
    if (verdict === undefined) continue;
    hits.push({ verdict, ...(marker?.strength === undefined ? {} : { strength: marker.strength }), index });
    const reason = rationaleKeys.map((name) => object[name]).find((item) => typeof item === "string");
    if (typeof reason === "string") rationale = reason;
  }
  return rationale === undefined ? { hits } : { hits, rationale };
}

/**
 * `[[…]]` markers that state a verdict. Markers used as names are skipped: the loser in "[[B]] is better than
 * [[A]]" and possessives such as "[[A]]'s answer".
 */
function markerHits(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(/\[\[\s*([^[\]\n]{1,12}?)\s*\]\]/g)) {
    const start = match.index ?? 0;
    const before = text.slice(Math.max(0, start - 12), start);
    const after = text.slice(start + match[0].length, start + match[0].length + 4);
    if (/\bthan[\s*_]*$/i.test(before) || /^[*_]*['’]s\b/i.test(after)) continue;
    const marker = parseVerdictMarker(match[1] ?? "");
    if (marker !== undefined) hits.push({ ...marker, index: start });
  }
  return hits;
}

const REFUSAL =
  /\b(?:I(?:'m| am) (?:sorry|unable|not able)|I can(?:not|'t|\s+not) (?:help|assist|comply|provide|determine|evaluate|compare|choose|judge|make)|I (?:won't|will not) (?:help|evaluate|compare|choose|judge))/i;

/** Text without `<think>…</think>` reasoning blocks (vLLM/Ollama reasoning models). */
function stripReasoning(text: string): string {
  return text.replace(/<think>[\s\S]*?<\/think>/gi, "").replace(/^[\s\S]*<\/think>/i, "");
}

/**
 * Reads a positional verdict from a judge's free text, tolerating the forms judges actually produce, in this order:
 * 1. JSON (whole text, ```json fences, or an object in prose) with a winner field (`winner`, `verdict`, …, or the
 *    template's own field) whose value names a position (`paper1`, `A`, `Assistant B`, `A>>B`, `tie`);
 * 2. MT-Bench / Arena-Hard markers `[[A]]`, `[[B]]`, `[[C]]`, `[[A>>B]]`, `[[A>B]]`, `[[A=B]]`, `[[B>A]]`, `[[B>>A]]`;
 * 3. keyed phrases (`Winner: Paper 1`, `Final verdict: Assistant B`, `The better response is Output (a)`);
 * 4. a text that is only a label (`B`, `Paper 2`, `tie`);
 * 5. decision phrases (`Paper 1 likely has higher impact`, `I prefer Response B`, `both are equally good`).
 * The first rule with hits decides. Conflicting hits are settled by the last line or the text after the last
 * concluding word ("final", "overall", "verdict"); otherwise the answer is ambiguous and reported as `unparseable`.
 * It never takes "the first number in the text". No verdict plus refusal wording gives `refusal`.
 */
export function parseVerdictText(rawText: string, template?: JudgeTemplate): ParsedVerdict {
  const text = stripReasoning(rawText).trim();
  if (text === "") return { type: "failure", kind: "empty", message: "the judge returned no text" };
  const json = jsonHits(text, template);
  let phrases: ReturnType<typeof findPhraseVerdicts> | undefined;
  const phrasesOf = (): ReturnType<typeof findPhraseVerdicts> => {
    phrases ??= findPhraseVerdicts(text, template);
    return phrases;
  };
  // A short answer that is only a label ("B", "Output (b)"), or such a label alone on the first or last line.
  const labelLines = (): Hit[] => {
    const lines = text.split("\n");
    const candidates = [
      { line: text, index: 0 },
      { line: lines[0] ?? "", index: 0 },
      { line: lines[lines.length - 1] ?? "", index: text.length - (lines[lines.length - 1] ?? "").length },
    ];
    const hits: Hit[] = [];
    for (const { line, index } of candidates) {
      const cleaned = line.replace(/^[#>*\s]+|[.!*\s]+$/g, "");
      if (cleaned === "" || cleaned.length > 40) continue;
      const position = positionOfLabel(cleaned, template);
      if (position !== undefined) hits.push({ verdict: position, index });
    }
    return hits;
  };
  // Evaluated lazily, in priority order: most answers are decided by JSON or a marker.
  const rules: Array<["json" | "marker" | "phrase", () => Hit[]]> = [
    ["json", () => json.hits],
    ["marker", () => markerHits(text)],
    ["phrase", () => phrasesOf().keyed],
    ["phrase", labelLines],
    ["phrase", () => phrasesOf().loose],
  ];
  for (const [rule, hitsOf] of rules) {
    const resolved = resolveHits(hitsOf(), text);
    if (resolved === undefined) continue;
    if (resolved === "ambiguous") {
      return {
        type: "failure",
        kind: "unparseable",
        message: `ambiguous verdict: the answer supports more than one outcome (${rule} rule) without a final decision`,
      };
    }
    const rationale = rule === "json" ? json.rationale : text.replace(/\s*\[\[[^[\]\n]{1,12}\]\]\s*$/, "").trim();
    return {
      type: "verdict",
      verdict: resolved.verdict,
      ...(resolved.strength === undefined ? {} : { strength: resolved.strength }),
      ...(rationale === undefined || rationale === "" ? {} : { rationale }),
      rule,
    };
  }
  if (REFUSAL.test(text)) return { type: "failure", kind: "refusal", message: "the judge declined to give a verdict" };
  return { type: "failure", kind: "unparseable", message: "no verdict found in the answer" };
}
