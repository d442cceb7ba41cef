import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRandomSource } from "@judgelab/ratings";
import type { Assessment, Comparison, Item, Judge, Reference } from "@judgelab/schema";

/** Attacker-controlled text: if any of it reaches the page unescaped, a script runs or an image loads. */
export const XSS_TITLE = `<script>window.__xss = "title"</script><img src=x onerror="window.__xss='img'">`;
export const XSS_RATIONALE = `</blockquote><script>window.__xss = "rationale"</script><img src="http://203.0.113.9/x.png" onerror="window.__xss='rat-img'">`;

/** A fixture dataset written to disk, with its records for computing expected figures independently. */
export interface FixtureDataset {
  readonly dir: string;
  readonly items: Item[];
  readonly judges: Judge[];
  readonly comparisons: Comparison[];
  readonly references: Reference[];
  readonly assessments: Assessment[];
}

function lines(records: readonly unknown[]): string {
  return records.map((record) => JSON.stringify(record)).join("\n") + (records.length > 0 ? "\n" : "");
}

/** Writes a dataset folder (manifest and JSONL files). */
export function writeFixtureDataset(dir: string, dataset: Omit<FixtureDataset, "dir">, name: string): FixtureDataset {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), `${JSON.stringify({ schemaVersion: 1, name }, null, 2)}\n`);
  writeFileSync(join(dir, "items.jsonl"), lines(dataset.items));
  if (dataset.judges.length > 0) writeFileSync(join(dir, "judges.jsonl"), lines(dataset.judges));
  writeFileSync(join(dir, "comparisons.jsonl"), lines(dataset.comparisons));
  if (dataset.references.length > 0) writeFileSync(join(dir, "references.jsonl"), lines(dataset.references));
  if (dataset.assessments.length > 0) writeFileSync(join(dir, "assessments.jsonl"), lines(dataset.assessments));
  return { dir, ...dataset };
}

/** A seeded uniform generator (the ratings package's xoshiro128**). */
export function fixtureRandom(seed: number): () => number {
  const source = createRandomSource(seed);
  return () => source.next();
}

/**
 * Paper-tournament shape (the seed system): 16 papers in 2 categories, 3 LLM judges, matches judged by two judges
 * and sometimes by one judge in both orders, rationales, usage and raw responses, pointwise assessments and gold
 * pair labels for some pairs. Paper 0's title and some rationales are XSS attempts.
 */
export function writePaperFixture(dir: string): FixtureDataset {
  const random = fixtureRandom(7);
  const categories = ["Artificial Intelligence", "Economics"];
  const items: Item[] = Array.from({ length: 16 }, (_, index) => ({
    id: `paper-${index}`,
    title: index === 0 ? XSS_TITLE : `Paper number ${index} on ${index % 2 === 0 ? "alignment" : "markets"}`,
    text: `Abstract of paper ${index}. ${index === 3 ? "<b>bold claim</b>" : ""}`,
    category: categories[index % 2],
    metadata: { authors: index === 0 ? ["<i>Eve</i>", "Mallory"] : ["A. Author"] },
  }));
  const judges: Judge[] = ["gemini-3", "gpt-5.2", "claude-opus-4.6"].map((id) => ({ id, kind: "llm", model: id }));
  const quality = items.map((_, index) => (index * 7919) % 16);
  const comparisons: Comparison[] = [];
  let match = 0;
  for (let round = 0; round < 12; round++) {
    for (let a = 0; a < 16; a++) {
      const b = (a + 2 + 2 * (round % 7)) % 16;
      if (a === b || a % 2 !== b % 2) continue;
      const matchId = `m${match++}`;
      const judgeA = judges[match % 3]!.id;
      const judgeB = judges[(match + 1) % 3]!.id;
      const plans: [string, number, number][] =
        match % 4 === 0
          ? [
              [judgeA, a, b],
              [judgeA, b, a],
              [judgeB, a, b],
            ]
          : [
              [judgeA, a, b],
              [judgeB, b, a],
            ];
      plans.forEach(([judge, first, second], index) => {
        const p = 1 / (1 + Math.exp(-(quality[first]! - quality[second]! + 1.5) / 3));
        const draw = random();
        const verdict = draw < 0.05 ? "tie" : draw < 0.07 ? "invalid" : random() < p ? "first" : "second";
        comparisons.push({
          id: `${matchId}.${judge}.${index}`,
          first: items[first]!.id,
          second: items[second]!.id,
          order: "known",
          verdict,
          judge,
          matchId,
          rationale:
            match % 9 === 0
              ? XSS_RATIONALE
              : `Paper ${first} versus paper ${second}: ${verdict === "first" ? "the first" : "the second"} is more novel.`,
          createdAt: new Date(Date.UTC(2026, 0, 1) + comparisons.length * 60_000).toISOString(),
          usage: { inputTokens: 900 + index, outputTokens: 120, costUsd: 0.0021 },
          raw: { text: `Verdict: ${verdict} <raw & unescaped?>` },
        });
      });
    }
  }
  const references: Reference[] = [];
  for (let a = 0; a < 16; a += 2) {
    references.push({
      kind: "pair",
      a: items[a]!.id,
      b: items[(a + 2) % 16]!.id,
      name: "gold",
      winner: quality[a]! >= quality[(a + 2) % 16]! ? "a" : "b",
    });
  }
  const assessments: Assessment[] = items.map((item, index) => ({
    item: item.id,
    judge: "claude-opus-4.6",
    scores: { overall: 5 + (quality[index]! % 5), rigor: 6 },
    scale: { min: 1, max: 10 },
    text: index === 0 ? `<script>window.__xss="assessment"</script>Solid.` : "Solid work.",
  }));
  return writeFixtureDataset(dir, { items, judges, comparisons, references, assessments }, "paper fixture");
}

/**
 * AlpacaEval shape: 6 models answer 20 instructions and are compared with one baseline by 2 annotators, the
 * baseline shown first or second at random (order known), soft preferences, no matchId, no rationale.
 */
export function writeAlpacaFixture(dir: string): FixtureDataset {
  const random = fixtureRandom(11);
  const models = ["gpt4_turbo", "model-a", "model-b", "model-c", "model-d", "model-e"];
  const items: Item[] = models.map((id) => ({ id, title: id }));
  const judges: Judge[] = ["weighted_alpaca_eval_gpt4_turbo", "alpaca_eval_gpt4"].map((id) => ({ id, kind: "llm" }));
  const comparisons: Comparison[] = [];
  for (const judge of judges) {
    for (let model = 1; model < models.length; model++) {
      for (let prompt = 0; prompt < 20; prompt++) {
        const baselineFirst = random() < 0.5;
        const preference = Math.min(1, Math.max(0, 0.3 + 0.1 * model + 0.3 * (random() - 0.5)));
        const forSecond = baselineFirst ? preference : 1 - preference;
        comparisons.push({
          id: `${judge.id}.${models[model]}.${prompt}`,
          first: baselineFirst ? "gpt4_turbo" : models[model]!,
          second: baselineFirst ? models[model]! : "gpt4_turbo",
          order: "known",
          verdict: forSecond === 0.5 ? "tie" : forSecond > 0.5 ? "second" : "first",
          preference: forSecond,
          judge: judge.id,
          prompt: `instruction-${prompt}`,
        });
      }
    }
  }
  return writeFixtureDataset(dir, { items, judges, comparisons, references: [], assessments: [] }, "alpaca fixture");
}

/** vicuna-reviews shape: fixed order (order unknown), two reviewers on the same answer pairs, review text. */
export function writeVicunaFixture(dir: string): FixtureDataset {
  const random = fixtureRandom(13);
  const models = ["gpt-3.5-turbo", "vicuna-13b", "alpaca-13b", "llama-13b", "bard"];
  const items: Item[] = models.map((id) => ({ id, title: id }));
  const judges: Judge[] = ["gpt-4", "gpt-3.5"].map((id) => ({ id, kind: "llm" }));
  const comparisons: Comparison[] = [];
  for (let question = 0; question < 16; question++) {
    for (let a = 0; a < models.length; a++) {
      for (let b = a + 1; b < models.length; b++) {
        for (const judge of judges) {
          const draw = random();
          comparisons.push({
            id: `${judge.id}.q${question}.${a}-${b}`,
            first: models[a]!,
            second: models[b]!,
            order: "unknown",
            verdict: draw < 0.1 ? "tie" : draw < 0.2 + 0.1 * b ? "first" : "second",
            judge: judge.id,
            prompt: `q${question}`,
            matchId: `q${question}.${a}-${b}`,
            rationale: `Scores 8 9. Assistant 2 gave a more detailed answer to question ${question}.`,
          });
        }
      }
    }
  }
  return writeFixtureDataset(dir, { items, judges, comparisons, references: [], assessments: [] }, "vicuna fixture");
}

/**
 * LLMBar shape: 24 judges (6 models × 4 prompting strategies), 12 prompts each with two outputs, every pair judged
 * in both orders by every judge, gold labels per pair.
 */
export function writeLlmbarFixture(dir: string): FixtureDataset {
  const random = fixtureRandom(17);
  const judges: Judge[] = [];
  for (const model of ["gpt-4", "chatgpt", "llama-2-70b", "palm-2", "falcon", "claude"]) {
    for (const strategy of ["vanilla", "metrics", "swap", "rules"])
      judges.push({ id: `${model}/${strategy}`, kind: "llm" });
  }
  const items: Item[] = [];
  const references: Reference[] = [];
  const comparisons: Comparison[] = [];
  for (let prompt = 0; prompt < 12; prompt++) {
    const a = `p${prompt}:1`;
    const b = `p${prompt}:2`;
    items.push(
      { id: a, title: `Output 1 for instruction ${prompt}` },
      { id: b, title: `Output 2 for instruction ${prompt}` },
    );
    const gold = prompt % 3 === 0 ? "b" : "a";
    references.push({ kind: "pair", a, b, name: "gold", winner: gold, prompt: `p${prompt}` });
    for (const judge of judges) {
      const correct = random() < 0.75;
      const winner = correct === (gold === "a") ? a : b;
      const firstBias = random() < 0.15;
      for (const swapped of [false, true]) {
        const first = swapped ? b : a;
        const second = swapped ? a : b;
        const won = firstBias && swapped ? first : winner;
        comparisons.push({
          id: `${judge.id}.p${prompt}.${swapped ? "swap" : "orig"}`,
          first,
          second,
          order: "known",
          verdict: won === first ? "first" : "second",
          judge: judge.id,
          prompt: `p${prompt}`,
          matchId: `p${prompt}`,
        });
      }
    }
  }
  return writeFixtureDataset(dir, { items, judges, comparisons, references, assessments: [] }, "llmbar fixture");
}
