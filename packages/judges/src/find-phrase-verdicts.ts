import type { JudgeDecision, JudgeTemplate } from "./judge-contract.js";
import { POSITION_NOUNS, positionOfLabel } from "./position-of-label.js";

/** One place in an answer that states a verdict. */
export interface VerdictHit {
  readonly verdict: JudgeDecision;
  readonly strength?: "weak" | "strong";
  readonly index: number;
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

/**
 * Decision phrases in free text: `keyed` ones (`Winner: Paper 1`, `Final verdict: Assistant B`, `Answer: B`) and
 * `loose` ones (`Paper 1 likely has higher impact`, `I prefer Response B`, `A is better.`, `both are equally good`),
 * each in order of appearance. Negated phrases and bare lower-case `a`/`b` (the article) are skipped.
 */
export function findPhraseVerdicts(
  text: string,
  template: JudgeTemplate | undefined,
): { keyed: VerdictHit[]; loose: VerdictHit[] } {
  const patterns = phrasePatterns(template);
  const keyed: VerdictHit[] = [];
  const loose: VerdictHit[] = [];
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
