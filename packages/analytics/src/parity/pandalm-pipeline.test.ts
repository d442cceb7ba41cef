import { describeWithSharedData } from "@judgelab/test-shared-data";
import { expect, it } from "vitest";
import { analyzeJudges } from "../analyze-judges.js";
import type { Section } from "../metrics-document.js";
import { buildTable, type TableRow } from "../test-support/build-table.js";
import { readSharedText } from "../test-support/shared-datasets.js";

function available<T>(section: Section<T>): T {
  if (!section.available) throw new Error(section.reason);
  return section;
}

const verdictOf = (label: unknown): TableRow["verdict"] =>
  label === 1 || label === "1"
    ? "first"
    : label === 2 || label === "2"
      ? "second"
      : label === 0 || label === "Tie"
        ? "tie"
        : "invalid";

// PandaLM (WeOpenML/PandaLM) test set, README: annotator Cohen κ 1–2 0.85, 1–3 0.88, 2–3 0.86 and human majority
// counts tie 105 / response 1 422 / response 2 472; here through the whole pipeline (table → units → κ rows,
// human-majority gold labels).
describeWithSharedData("datasets/pandalm", "PandaLM through analyzeJudges", () => {
  it("reproduces the annotator κ table and the majority counts", () => {
    const records = JSON.parse(readSharedText("pandalm/testset-v1.json")) as Record<string, unknown>[];
    const gpt = JSON.parse(readSharedText("pandalm/gpt-3.5-turbo-testset-v1.json")) as Record<string, unknown>[];
    const gptByIdx = new Map(gpt.map((record) => [record.idx, record.gpt_result]));
    const rows: TableRow[] = [];
    for (const record of records) {
      const pair = { first: `${record.idx}/response1`, second: `${record.idx}/response2`, prompt: String(record.idx) };
      for (const annotator of [1, 2, 3]) {
        rows.push({ ...pair, judge: `annotator${annotator}`, verdict: verdictOf(record[`annotator${annotator}`]) });
      }
      rows.push({ ...pair, judge: "gpt-3.5-turbo", verdict: verdictOf(gptByIdx.get(record.idx)) });
    }
    const table = buildTable(rows);
    const kind = table.judgeIds.map((id) => (id.startsWith("annotator") ? "human" : "llm"));
    const document = analyzeJudges({ table, judges: { kind }, options: { seed: 1, bootstrapRounds: 20 } });
    const agreement = available(document.agreement);
    const kappa = (a: string, b: string) =>
      agreement.pairs.find((row) => row.judgeA === a && row.judgeB === b)!.cohenKappa.value!;
    expect(kappa("annotator1", "annotator2")).toBeCloseTo(0.85, 2);
    expect(kappa("annotator1", "annotator3")).toBeCloseTo(0.88, 2);
    expect(kappa("annotator2", "annotator3")).toBeCloseTo(0.86, 2);
    const gold = available(agreement.gold);
    expect(gold.source).toBe("human-majority");
    expect(gold.perJudge.map((row) => row.judge)).toEqual(["gpt-3.5-turbo"]);
    // 999 units all have a human majority; 105 of them are ties, which accuracy skips: 422 + 472 scored.
    expect(gold.perJudge[0]!.accuracy.n).toBe(422 + 472);
    const alpaca = available(agreement.alpacaEval);
    expect(alpaca.humans).toEqual(["annotator1", "annotator2", "annotator3"]);
    expect(alpaca.perJudge.find((row) => row.judge === "annotator1")!.humanAgreement.n).toBeGreaterThan(900);
  });
});
