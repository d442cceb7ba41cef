import { extractJsonObjects } from "./extract-json-objects.js";
import type { JudgeDecision, JudgeTemplate } from "./judge-contract.js";
import { POSITION_NOUNS, positionOfLabel } from "./position-of-label.js";

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

interface Hit {
  readonly verdict: JudgeDecision;
  readonly strength?: "weak" | "strong";
  readonly index: number;
}

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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function labelPattern(template: JudgeTemplate | undefined): string {
  const nouns = POSITION_NOUNS.join("|");
  const custom = template === undefined ? [] : [template.labels.first, template.labels.second].map(escapeRegExp);
  return [
    ...custom,
    `(?:the\\s+)?(?:${nouns})\\s*(?:#|no\\.?\\s*)?(?:\\(\\s*[12ab]\\s*\\)|[12ab])(?![\\w])`,
    `(?:the\\s+)?(?:first|second)\\s+(?:${nouns}|one)\\b`,
  ].join("|");
}

/** A lower-case bare `a`/`b` after a noun without parentheses is usually the article, not a label. */
function isPlausibleLabel(raw: string): boolean {
  return !/\s[ab]$/.test(raw.trim());
}

const NEGATION = /\b(?:not|never|no|less|hardly)\b|n't\b/i;
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

interface PhrasePatterns {
  readonly keyed: RegExp;
  readonly subject: RegExp;
  readonly verb: RegExp;
  readonly bareLetters: readonly RegExp[];
}

const COMPARATIVE =
  "better|stronger|superior|preferable|preferred|wins|outperforms|the\\s+(?:clear\\s+)?(?:winner|better|stronger|best)|" +
  "(?:more|greater|higher|larger|broader)\\s+(?:[\\w-]+\\s+){0,2}?(?:impact(?:ful)?|helpful|accurate|useful|" +
  "significant|convincing|complete|correct|relevant|compelling|novel|influential|important|informative)";

/** Phrase patterns depend on the template's labels; compiled once per template (matchAll copies the regex). */
const patternCache = new WeakMap<object, PhrasePatterns>();
const NO_TEMPLATE = {};

function phrasePatterns(template: JudgeTemplate | undefined): PhrasePatterns {
  const cached = patternCache.get(template ?? NO_TEMPLATE);
  if (cached !== undefined) return cached;
  const label = labelPattern(template);
  const nouns = POSITION_NOUNS.join("|");
  const key =
    `(?:final\\s+|overall\\s+|my\\s+)?(?:winner|verdict|decision|choice|preference|answer|result|judge?ment|` +
    `conclusion|(?:preferred|better|stronger|superior|more\\s+impactful)\\s+(?:${nouns}|one))`;
  const patterns: PhrasePatterns = {
    keyed: new RegExp(
      `\\b${key}[\\s*_]*(is|would\\s+be|:|=|-|–|—)[\\s*_]*(?:clearly\\s+|definitely\\s+|probably\\s+|likely\\s+)?[\\s*_"'\`]*` +
        `(${label}|[12ab](?![\\w])|a\\s+tie\\b|tie\\b|draw\\b)`,
      "gi",
    ),
    subject: new RegExp(`(${label})(?:'s\\s+[\\w-]+)?((?:[\\s,]+[\\w'-]+){0,6}?)[\\s,]+(?:${COMPARATIVE})\\b`, "gi"),
    verb: new RegExp(
      `\\b(?:prefer|choose|chose|pick|select|favou?r|vote\\s+for|go\\s+with)\\s+(?:the\\s+)?(${label})`,
      "gi",
    ),
    // Bare position letters ("A is better.", "I'd go with B."): only upper-case counts, so the article "a" never does.
    bareLetters: [
      new RegExp(
        `(?:^|[.!?:]\\s+|\\n)([ab])\\s+(?:is|was|seems)\\s+(?:clearly\\s+|slightly\\s+|much\\s+)?(?:${COMPARATIVE})\\b`,
        "gi",
      ),
      /\b(?:prefer|choose|chose|pick|select|favou?r|vote\s+for|go\s+with)\s+([ab])\b(?![\w'])/gi,
    ],
  };
  patternCache.set(template ?? NO_TEMPLATE, patterns);
  return patterns;
}

function phraseHits(text: string, template: JudgeTemplate | undefined): { keyed: Hit[]; loose: Hit[] } {
  const patterns = phrasePatterns(template);
  const keyed: Hit[] = [];
  const loose: Hit[] = [];
  for (const match of text.matchAll(patterns.keyed)) {
    const separator = match[1] ?? "";
    const value = match[2] ?? "";
    if (/^[ab]$/.test(value) && !/^[:=]$/.test(separator)) continue;
    if (!isPlausibleLabel(value)) continue;
    const verdict = positionOfLabel(value.replace(/^a\s+tie$/i, "tie"), template);
    if (verdict !== undefined) keyed.push({ verdict, index: match.index ?? 0 });
  }
  for (const match of text.matchAll(patterns.subject)) {
    if (!isPlausibleLabel(match[1] ?? "") || NEGATION.test(match[2] ?? "")) continue;
    if (/\b(?:than|while|although|but)\b/i.test(match[2] ?? "")) continue;
    const verdict = positionOfLabel(match[1] ?? "", template);
    if (verdict !== undefined && verdict !== "tie") loose.push({ verdict, index: match.index ?? 0 });
  }
  for (const match of text.matchAll(patterns.verb)) {
    const before = text.slice(Math.max(0, (match.index ?? 0) - 16), match.index ?? 0);
    if (NEGATION.test(before) || !isPlausibleLabel(match[1] ?? "")) continue;
    const verdict = positionOfLabel(match[1] ?? "", template);
    if (verdict !== undefined && verdict !== "tie") loose.push({ verdict, index: match.index ?? 0 });
  }
  for (const pattern of patterns.bareLetters) {
    for (const match of text.matchAll(pattern)) {
      const letter = match[1] ?? "";
      const before = text.slice(Math.max(0, (match.index ?? 0) - 16), match.index ?? 0);
      if (letter !== letter.toUpperCase() || NEGATION.test(before)) continue;
      loose.push({ verdict: letter === "A" ? "first" : "second", index: match.index ?? 0 });
    }
  }
  const tiePattern =
    /\b(?:it(?:'s| is) a (?:tie|draw)|(?:both|the two) (?:[\w-]+ ){0,3}(?:are|were) (?:[\w-]+ )?(?:equally|equal|equivalent|tied)|equally (?:good|strong|impactful|helpful|matched)|neither (?:[\w-]+ ){0,2}is (?:clearly )?better|no clear winner)\b/gi;
  for (const match of text.matchAll(tiePattern)) loose.push({ verdict: "tie", index: match.index ?? 0 });
  loose.sort((left, right) => left.index - right.index);
  return { keyed, loose };
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
  let phrases: ReturnType<typeof phraseHits> | undefined;
  const phrasesOf = (): ReturnType<typeof phraseHits> => {
    phrases ??= phraseHits(text, template);
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
