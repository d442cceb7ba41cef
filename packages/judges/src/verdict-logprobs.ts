import type { JudgeDecision, JudgeTemplate } from "./judge-contract.js";

/** One token and its log-probability (≤ 0). */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
}

/**
 * One decoding step of an answer as providers report it: the chosen token and the most likely alternatives
 * (OpenAI `logprobs.content[i]` with `top_logprobs`, Gemini `logprobsResult.chosenCandidates[i]` with
 * `topCandidates[i].candidates`).
 */
export interface DecodingStep extends TokenLogprob {
  readonly top: readonly TokenLogprob[];
}

/** What the verdict token's alternatives say about the verdict. */
export interface VerdictProbabilities {
  /** log Σ p over the alternatives that spell each verdict (absent: not among the top alternatives). */
  readonly verdictLogprobs: { readonly first?: number; readonly second?: number; readonly tie?: number };
  /** P(stated verdict) = p_v / Σ_w p_w, normalised over the verdict alternatives only. */
  readonly confidence: number;
  /** P(second preferred) = (p_second + p_tie / 2) / Σ_w p_w, AlpacaEval's weighted-annotator preference. */
  readonly preference: number;
}

/** Lower-case token without surrounding whitespace, quotes, brackets or punctuation (`" A"` → `a`, `"1` → `1`). */
function normaliseToken(token: string): string {
  return token
    .trim()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")
    .toLowerCase();
}

function commonPrefixLength(left: string, right: string): number {
  let length = 0;
  while (length < left.length && length < right.length && left[length] === right[length]) length++;
  return length;
}

/**
 * The tokens that tell the verdicts apart, lower-cased: for JSON answers the winner values and the values without
 * their common prefix (`paper1`/`paper2` → also `1`/`2`; `A`/`B`/`tie` stay), for text answers the
 * `[[A]]`/`[[B]]`/`[[C]]` marker letters (MT-Bench, Arena-Hard).
 */
export function verdictSpellings(template: JudgeTemplate): ReadonlyMap<string, JudgeDecision> {
  const spellings = new Map<string, JudgeDecision>();
  if (template.answer.kind === "text") {
    spellings.set("a", "first");
    spellings.set("b", "second");
    if (template.answer.allowTies) {
      spellings.set("c", "tie");
      spellings.set("tie", "tie");
    }
    return spellings;
  }
  const values = template.answer.winnerValues;
  const first = values.first.toLowerCase();
  const second = values.second.toLowerCase();
  const shared = commonPrefixLength(first, second);
  // Whole values too, for tokenizers that keep `paper1` in one token.
  spellings.set(normaliseToken(first), "first");
  spellings.set(normaliseToken(second), "second");
  spellings.set(normaliseToken(first.slice(shared)), "first");
  spellings.set(normaliseToken(second.slice(shared)), "second");
  if (values.tie !== undefined) {
    const tie = values.tie.toLowerCase();
    spellings.set(normaliseToken(tie), "tie");
    spellings.set(normaliseToken(tie.startsWith(first.slice(0, shared)) ? tie.slice(shared) : tie), "tie");
  }
  spellings.delete("");
  return spellings;
}

/**
 * The decoding step that carries the verdict: for JSON answers the first step inside the winner field's value
 * whose token spells the stated verdict, for text answers the last step right after a `[[` marker that does (else
 * the last step spelling it). Undefined when no step spells it.
 */
function findVerdictStep(
  steps: readonly DecodingStep[],
  template: JudgeTemplate,
  spells: (token: string) => boolean,
): DecodingStep | undefined {
  let prefix = "";
  let found: DecodingStep | undefined;
  let fallback: DecodingStep | undefined;
  const answer = template.answer;
  const insideWinner =
    answer.kind === "json" ? new RegExp(`"${answer.winnerField.replace(/\W/g, "\\$&")}"\\s*:\\s*"?[^"]*$`) : /\[\[\s*$/;
  for (const step of steps) {
    if (spells(step.token)) {
      if (insideWinner.test(prefix)) {
        found = step;
        if (answer.kind === "json") return found;
      } else fallback = step;
    }
    prefix += step.token;
  }
  return found ?? fallback;
}

/**
 * Turns the top log-probabilities at the verdict token into verdict probabilities: each alternative that spells a
 * verdict (see {@link verdictSpellings}) adds p = exp(logprob) to that verdict; the chosen token counts when it is not
 * among the alternatives (Gemini). Probabilities are normalised over the verdicts, as AlpacaEval's weighted
 * annotators do with the logprobs of `m` and `M` (Dubois et al. 2024). Undefined when the stated verdict's token is
 * not found, so the verdict stays but has no confidence.
 */
export function readVerdictLogprobs(options: {
  readonly steps: readonly DecodingStep[];
  readonly template: JudgeTemplate;
  readonly verdict: JudgeDecision;
}): VerdictProbabilities | undefined {
  const spellings = verdictSpellings(options.template);
  const step = findVerdictStep(
    options.steps,
    options.template,
    (token) => spellings.get(normaliseToken(token)) === options.verdict,
  );
  if (step === undefined) return undefined;
  const mass = { first: 0, second: 0, tie: 0 };
  const seen = new Set<string>();
  const alternatives = step.top.some((alternative) => alternative.token === step.token)
    ? step.top
    : [step, ...step.top];
  for (const alternative of alternatives) {
    if (seen.has(alternative.token) || !Number.isFinite(alternative.logprob)) continue;
    seen.add(alternative.token);
    const verdict = spellings.get(normaliseToken(alternative.token));
    if (verdict !== undefined) mass[verdict] += Math.exp(Math.min(0, alternative.logprob));
  }
  const total = mass.first + mass.second + mass.tie;
  if (!(mass[options.verdict] > 0)) return undefined;
  const verdictLogprobs: { first?: number; second?: number; tie?: number } = {};
  for (const verdict of ["first", "second", "tie"] as const) {
    // Summed probabilities can round a hair above 1; a log-probability is never positive.
    if (mass[verdict] > 0) verdictLogprobs[verdict] = Math.min(0, Math.log(mass[verdict]));
  }
  return {
    verdictLogprobs,
    confidence: mass[options.verdict] / total,
    preference: (mass.second + mass.tie / 2) / total,
  };
}
