import type { Comparison, Verdict } from "@judgelab/schema";
import { isoFromUnixSeconds } from "../positional-verdict.js";

/**
 * Verdict of a Chatbot Arena `winner`: `model_a` → first, `model_b` → second, `tie` and `tie (bothbad)` → tie.
 * Anything else is unparsed.
 */
export function arenaWinnerVerdict(winner: unknown): Verdict | undefined {
  if (winner === "model_a") return "first";
  if (winner === "model_b") return "second";
  if (winner === "tie" || winner === "tie (bothbad)") return "tie";
  return undefined;
}

/**
 * One battle as a comparison between the two models (model-level items). Arena does not record which answer a
 * voter read first (the two are shown side by side), so the order is unknown; first = model_a.
 */
export function mapArenaBattle(options: {
  readonly id: string;
  readonly record: Readonly<Record<string, unknown>>;
  readonly judge: string;
}): Comparison | undefined {
  const { record } = options;
  const modelA = record.model_a;
  const modelB = record.model_b;
  if (typeof modelA !== "string" || typeof modelB !== "string" || modelA === "" || modelB === "") return undefined;
  const verdict = arenaWinnerVerdict(record.winner);
  const createdAt = typeof record.tstamp === "number" ? isoFromUnixSeconds(record.tstamp) : undefined;
  const metadata: Record<string, unknown> = {};
  if (record.turn !== undefined) metadata.turn = record.turn;
  if (record.language !== undefined) metadata.language = record.language;
  if (record.anony !== undefined) metadata.anonymous = record.anony;
  if (record.winner === "tie (bothbad)") metadata.bothBad = true;
  return {
    id: options.id,
    first: modelA,
    second: modelB,
    order: "unknown",
    verdict: verdict ?? "invalid",
    judge: options.judge,
    ...(record.question_id === undefined || record.question_id === null ? {} : { prompt: String(record.question_id) }),
    ...(verdict === undefined ? { raw: record.winner ?? null } : {}),
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}
