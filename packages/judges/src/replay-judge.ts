import type { Comparison, JudgeKind } from "@judgelab/schema";
import type { JudgeDescription, JudgeRequest, JudgeResult, PairwiseJudge } from "./judge-contract.js";

/** Options of a replay judge. */
export interface ReplayJudgeOptions {
  /** Id of this judge (default: the replayed judge id). */
  readonly id?: string;
  /** Id of the dataset judge whose comparisons are replayed. */
  readonly judge: string;
  /** The dataset's comparisons (other judges' comparisons are ignored). */
  readonly comparisons: Iterable<Comparison>;
  readonly kind?: JudgeKind;
  readonly provider?: string;
  readonly model?: string;
  readonly family?: string;
  /** Name of the dataset, recorded in `describe()` so caches of different datasets never mix. */
  readonly dataset?: string;
}

function lookupKey(first: string, second: string, prompt: string | undefined, repetition: number): string {
  return JSON.stringify([first, second, prompt ?? null, repetition]);
}

/**
 * A judge that serves verdicts recorded in an existing dataset, so tournaments and analytics can run on real
 * judgments without calling anyone. A request is answered by the comparison of the replayed judge with the same
 * ordered pair (first, second), prompt id and repetition. Comparisons without a `repetition` count as repetitions
 * 0, 1, 2, … in dataset order. Comparisons whose presentation order is `unknown` also answer the swapped request,
 * with the verdict flipped (their positional verdict carries no order information anyway).
 *
 * A request without a recorded comparison yields a `missing` failure; a recorded `invalid` verdict yields an
 * `unparseable` failure with the recorded raw response.
 */
export function createReplayJudge(options: ReplayJudgeOptions): PairwiseJudge & { readonly size: number } {
  const { exact, swapped } = indexReplayedComparisons(options);

  const id = options.id ?? options.judge;
  const kind = options.kind ?? "llm";
  const provider = options.provider ?? "replay";
  const model = options.model ?? options.judge;

  const judge = async (request: JudgeRequest): Promise<JudgeResult> => {
    const key = lookupKey(request.first.id, request.second.id, request.promptId, request.repetition);
    const direct = exact.get(key);
    const comparison = direct ?? swapped.get(key);
    if (comparison === undefined) {
      return {
        type: "failure",
        kind: "missing",
        message:
          `replay judge "${options.judge}" has no comparison of ${request.first.id} (first) vs ${request.second.id} ` +
          `(second), prompt ${request.promptId ?? "none"}, repetition ${request.repetition}`,
        usage: { inputTokens: 0, outputTokens: 0 },
        latencyMs: 0,
      };
    }
    const usage = {
      inputTokens: comparison.usage?.inputTokens ?? 0,
      outputTokens: comparison.usage?.outputTokens ?? 0,
    };
    const latencyMs = comparison.usage?.latencyMs ?? 0;
    const raw = comparison.raw ?? { replayOf: comparison.id };
    if (comparison.verdict === "invalid") {
      return {
        type: "failure",
        kind: "unparseable",
        message: `comparison "${comparison.id}" recorded an invalid verdict`,
        ...(comparison.rationale === undefined ? {} : { text: comparison.rationale }),
        usage,
        raw,
        latencyMs,
      };
    }
    const flip = direct === undefined;
    const verdict =
      flip && comparison.verdict !== "tie" ? (comparison.verdict === "first" ? "second" : "first") : comparison.verdict;
    return {
      type: "verdict",
      verdict,
      ...(comparison.strength === undefined ? {} : { strength: comparison.strength }),
      ...(comparison.rationale === undefined ? {} : { rationale: comparison.rationale }),
      parsedFrom: "replay",
      text: comparison.rationale ?? "",
      usage,
      raw,
      latencyMs,
    };
  };

  const describe = (): JudgeDescription => ({
    id,
    kind,
    provider,
    model,
    ...(options.family === undefined ? {} : { family: options.family }),
    parameters: { replayOf: options.judge, dataset: options.dataset ?? null },
  });

  return {
    id,
    kind,
    provider,
    model,
    ...(options.family === undefined ? {} : { family: options.family }),
    describe,
    judge,
    size: exact.size,
  };
}

/**
 * The replayed judge's comparisons by (first, second, prompt, repetition); `swapped` answers the reversed request
 * for comparisons of unknown order. Two comparisons answering the same request are an error.
 */
function indexReplayedComparisons(options: ReplayJudgeOptions): {
  exact: Map<string, Comparison>;
  swapped: Map<string, Comparison>;
} {
  const exact = new Map<string, Comparison>();
  const swapped = new Map<string, Comparison>();
  const occurrences = new Map<string, number>();
  for (const comparison of options.comparisons) {
    if (comparison.judge !== options.judge) continue;
    let repetition = comparison.repetition;
    if (repetition === undefined) {
      const pairKey = lookupKey(comparison.first, comparison.second, comparison.prompt, -1);
      repetition = occurrences.get(pairKey) ?? 0;
      occurrences.set(pairKey, repetition + 1);
    }
    const key = lookupKey(comparison.first, comparison.second, comparison.prompt, repetition);
    if (exact.has(key)) {
      throw new Error(
        `replay judge "${options.judge}": comparisons "${exact.get(key)?.id}" and "${comparison.id}" both answer ` +
          `${comparison.first} vs ${comparison.second} (prompt ${comparison.prompt ?? "none"}, repetition ${repetition}); ` +
          "give them distinct repetition numbers",
      );
    }
    exact.set(key, comparison);
    if (comparison.order === "unknown") {
      swapped.set(lookupKey(comparison.second, comparison.first, comparison.prompt, repetition), comparison);
    }
  }
  return { exact, swapped };
}
