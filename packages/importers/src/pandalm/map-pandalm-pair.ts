import type { Comparison, Item, Judge, Reference } from "@judgelab/schema";
import { producerFields } from "../model-family.js";
import type { WinnerSide } from "../positional-verdict.js";

/** The judges of the PandaLM test set: three human annotators and two LLM judges. */
export const PANDALM_JUDGES: readonly Judge[] = [
  { id: "annotator1", kind: "human" },
  { id: "annotator2", kind: "human" },
  { id: "annotator3", kind: "human" },
  { id: "gpt-3.5-turbo", kind: "llm", provider: "openai", model: "gpt-3.5-turbo", family: "gpt" },
  { id: "pandalm-7b", kind: "llm", model: "WeOpenML/PandaLM-7B-v1", family: "pandalm" },
];

/** One test-set pair (`testset-v1.json`). */
export interface PandalmPair {
  readonly idx: number;
  /** `modelOfResponse1_modelOfResponse2`. */
  readonly cmpKey: string;
  readonly instruction?: string;
  readonly input?: string;
  readonly response1?: string;
  readonly response2?: string;
  readonly motivationApp?: string;
  /** Labels of annotators 1–3 (0 = tie, 1, 2). */
  readonly annotators: readonly unknown[];
}

/**
 * Parses a PandaLM label: 1/"1" = response 1 better, 2/"2" = response 2, 0/"0"/"Tie" = tie; anything else (the
 * GPT-3.5 file's "garbage") is unparsed.
 */
export function parsePandalmLabel(value: unknown): WinnerSide | undefined {
  const text = String(value).trim().toLowerCase();
  if (text === "1") return "a";
  if (text === "2") return "b";
  if (text === "0" || text === "tie") return "tie";
  return undefined;
}

/** The two models of a `cmp_key` ("bloom-7b_llama-7b"); model names contain no underscore. */
export function splitPandalmCmpKey(cmpKey: string): [string, string] | undefined {
  const parts = cmpKey.split("_");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return undefined;
  return [parts[0] as string, parts[1] as string];
}

/** Item ids `<idx>/<model>` of a pair's two responses. */
export function pandalmItems(pair: PandalmPair): [Item, Item] | undefined {
  const models = splitPandalmCmpKey(pair.cmpKey);
  if (models === undefined) return undefined;
  const item = (model: string, text: string | undefined): Item => ({
    id: `${pair.idx}/${model}`,
    ...producerFields(model),
    ...(pair.motivationApp === undefined ? {} : { category: pair.motivationApp }),
    ...(text === undefined ? {} : { text, length: text.length }),
  });
  return [item(models[0], pair.response1), item(models[1], pair.response2)];
}

/**
 * One comparison of a pair by one judge. The files do not record the order in which annotators or LLMs saw the
 * responses, so `order` is `unknown` and `first`/`second` follow the response numbering.
 */
export function mapPandalmVerdict(options: {
  readonly pair: PandalmPair;
  readonly items: readonly [Item, Item];
  readonly judge: string;
  readonly label: unknown;
  readonly rationale?: string;
}): Comparison {
  const winner = parsePandalmLabel(options.label);
  const verdict = winner === undefined ? "invalid" : winner === "a" ? "first" : winner === "b" ? "second" : "tie";
  return {
    id: `${options.pair.idx}/${options.judge}`,
    first: options.items[0].id,
    second: options.items[1].id,
    order: "unknown",
    verdict,
    judge: options.judge,
    prompt: String(options.pair.idx),
    matchId: String(options.pair.idx),
    ...(winner === undefined ? { raw: options.label ?? null } : {}),
    ...(options.rationale === undefined || options.rationale === "" ? {} : { rationale: options.rationale }),
  };
}

/**
 * The majority of the three annotators as a pair reference (`human-majority`); undefined when all three differ
 * or a label is unparsed. The upstream README's label distribution (tie 105, 1: 422, 2: 472) is this majority.
 */
export function pandalmMajority(pair: PandalmPair, items: readonly [Item, Item]): Reference | undefined {
  const votes = pair.annotators.map(parsePandalmLabel);
  if (votes.some((vote) => vote === undefined)) return undefined;
  for (const candidate of ["a", "b", "tie"] as const) {
    if (votes.filter((vote) => vote === candidate).length >= 2) {
      return {
        kind: "pair",
        a: items[0].id,
        b: items[1].id,
        name: "human-majority",
        winner: candidate,
        prompt: String(pair.idx),
      };
    }
  }
  return undefined;
}
