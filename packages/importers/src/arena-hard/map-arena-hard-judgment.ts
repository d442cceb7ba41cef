import type { Comparison } from "@judgelab/schema";

/** A parsed Arena-Hard label in the game's own A/B positions. */
export interface ArenaHardLabel {
  readonly winner: "A" | "B" | "tie";
  readonly strength?: "weak" | "strong";
}

/**
 * Parses an Arena-Hard verdict label: `A>>B` (A much better), `A>B`, `A=B`, `B>A`, `B>>A`, and the mirrored
 * spellings `A<B`, `A<<B`, `B<A`, `B<<A`, `B=A`. Returns undefined for anything else (e.g. `null`).
 */
export function parseArenaHardLabel(label: unknown): ArenaHardLabel | undefined {
  if (typeof label !== "string") return undefined;
  const match = /^\s*([AB])\s*(>>|>|=|<<|<)\s*([AB])\s*$/.exec(label);
  if (match === null || match[1] === match[3]) return undefined;
  const [, left, relation] = match as unknown as [string, "A" | "B", string, "A" | "B"];
  if (relation === "=") return { winner: "tie" };
  const leftWins = relation.startsWith(">");
  const winner = leftWins ? left : left === "A" ? "B" : "A";
  return { winner, strength: relation.length === 2 ? "strong" : "weak" };
}

/**
 * One Arena-Hard judgment record (`{question_id | uid, model, judge, baseline?, games: [g1, g2]}`) as two
 * comparisons with known order: game 1 shows the baseline's answer as A (first), game 2 the model's. Items
 * are answers, `<question>/<model>`. Unparsed labels become `invalid` with the label in `raw`.
 */
export function mapArenaHardJudgment(
  record: Readonly<Record<string, unknown>>,
  defaultBaseline: string,
): { comparisons: Comparison[]; questionId: string; model: string; baseline: string; judge: string } | undefined {
  const questionId = record.question_id ?? record.uid;
  const model = record.model;
  const judge = record.judge;
  const games = record.games;
  if (questionId === undefined || typeof model !== "string" || typeof judge !== "string" || !Array.isArray(games)) {
    return undefined;
  }
  const baseline = typeof record.baseline === "string" ? record.baseline : defaultBaseline;
  const question = String(questionId);
  const baselineItem = `${question}/${baseline}`;
  const modelItem = `${question}/${model}`;
  const matchId = `${judge}/${question}/${model}`;
  const comparisons = games.slice(0, 2).map((game, index): Comparison => {
    const entry = (game ?? {}) as Record<string, unknown>;
    const label = parseArenaHardLabel(entry.score);
    const baselineFirst = index === 0;
    const verdict =
      label === undefined ? "invalid" : label.winner === "tie" ? "tie" : label.winner === "A" ? "first" : "second";
    const judgment = entry.judgment;
    const rationale =
      typeof judgment === "string"
        ? judgment
        : typeof (judgment as { answer?: unknown })?.answer === "string"
          ? String((judgment as { answer: string }).answer)
          : undefined;
    return {
      id: `${matchId}/g${index + 1}`,
      first: baselineFirst ? baselineItem : modelItem,
      second: baselineFirst ? modelItem : baselineItem,
      order: "known",
      verdict,
      judge,
      prompt: question,
      matchId,
      ...(label?.strength === undefined ? {} : { strength: label.strength }),
      ...(label === undefined ? { raw: entry.score ?? null } : {}),
      ...(rationale === undefined || rationale === "" ? {} : { rationale }),
      ...(typeof record.category === "string" ? { condition: record.category } : {}),
    };
  });
  return { comparisons, questionId: question, model, baseline, judge };
}
