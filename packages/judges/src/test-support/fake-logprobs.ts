import type { FakeAnswer } from "./fake-verdict.js";

/** One answer token of a fake answer with its top alternatives (log-probabilities ≤ 0). */
export interface FakeTokenLogprobs {
  readonly token: string;
  readonly logprob: number;
  readonly top: readonly { readonly token: string; readonly logprob: number }[];
}

const SCORE = /\bscore=(-?\d+(?:\.\d+)?)/g;
/** Log-probability of every token that is not the verdict (p = 0.98). */
const OTHER_TOKEN_LOGPROB = Math.log(0.98);

/**
 * Verdict probabilities of the fake judges: with two `score=` values s₁, s₂ in the prompt, P(first) = σ(s₁ − s₂)
 * and P(second) = 1 − P(first), scaled by 0.9 with P(tie) = 0.1 when the answer allows ties; without scores the
 * chosen verdict gets 0.7 and the rest is shared. Deterministic, so tests can compute the expected confidence.
 */
export function fakeVerdictProbabilities(promptText: string, answer: FakeAnswer): number[] {
  const count = Math.min(3, answer.values?.length ?? 0);
  const scores = [...promptText.matchAll(SCORE)].map((match) => Number(match[1]));
  if (scores.length < 2) {
    return Array.from({ length: count }, (_, k) => (k === answer.at ? 0.7 : 0.3 / (count - 1)));
  }
  const first = 1 / (1 + Math.exp(-(scores[0]! - scores[1]!)));
  return count === 3 ? [0.9 * first, 0.9 * (1 - first), 0.1] : [first, 1 - first];
}

/** Splits text into word, number, punctuation tokens, each with its leading whitespace (`paper1` → `paper`, `1`). */
function tokenize(text: string): string[] {
  return text.match(/\s*(?:\p{L}+|\p{N}+|[^\s\p{L}\p{N}]+)|\s+$/gu) ?? [];
}

/**
 * Token logprobs of a fake answer, as a provider returns them when asked for the top `topN` alternatives: every
 * token gets log 0.98 and no rival except the verdict token (the chosen value's part after the values' common
 * prefix: `1` of `paper1`, `A` of `[[A]]`), whose alternatives are the other verdicts' tokens with
 * {@link fakeVerdictProbabilities}.
 */
export function fakeTokenLogprobs(options: {
  readonly answer: FakeAnswer;
  readonly promptText: string;
  readonly topN: number;
}): FakeTokenLogprobs[] {
  const { answer, topN } = options;
  const tokens = tokenize(answer.text);
  const values = answer.values;
  if (values === undefined || answer.at === undefined) {
    return tokens.map((token) => ({
      token,
      logprob: OTHER_TOKEN_LOGPROB,
      top: [{ token, logprob: OTHER_TOKEN_LOGPROB }],
    }));
  }
  let shared = 0;
  const [first = "", second = ""] = values;
  while (shared < first.length && first[shared] === second[shared]) shared++;
  // The part that tells the values apart (a tie value without the shared prefix stays whole).
  const distinct = (value: string) => (value.startsWith(first.slice(0, shared)) ? value.slice(shared) : value);
  const chosen = values[answer.at] as string;
  const quoted = answer.json === undefined ? `[[${chosen}]]` : `"${chosen}"`;
  const verdictOffset =
    answer.text.indexOf(quoted) + (answer.json === undefined ? 2 : 1) + chosen.length - distinct(chosen).length;
  const probabilities = fakeVerdictProbabilities(options.promptText, answer);
  const rivals = probabilities
    .map((probability, k) => ({ token: distinct(values[k] as string), logprob: Math.log(probability) }))
    .sort((left, right) => right.logprob - left.logprob)
    .slice(0, topN);
  let offset = 0;
  return tokens.map((token) => {
    const start = offset + (token.length - token.trimStart().length);
    offset += token.length;
    if (start !== verdictOffset)
      return { token, logprob: OTHER_TOKEN_LOGPROB, top: [{ token, logprob: OTHER_TOKEN_LOGPROB }] };
    return { token, logprob: Math.log(probabilities[answer.at as number]!), top: rivals };
  });
}
