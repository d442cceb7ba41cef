import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { validateDataset } from "@judgelab/datasets";
import type { Comparison } from "@judgelab/schema";
import { describeWithSharedData } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFLICTING_JUDGMENT_REASON, REPEATED_JUDGMENT_REASON } from "../dataset-collector.js";
import { listInputFiles } from "../read-source-records.js";
import { makeTempDir, readJsonl, sharedPath } from "../test-support/shared-datasets.js";
import { judgingTheJudgesImporter, parseJudgingTheJudgesRecordPath } from "./judging-the-judges-importer.js";
import { extractJudgingTheJudgesChoice, mapJudgingTheJudgesRow } from "./map-judging-the-judges-row.js";

describe("Judging-the-Judges mapping", () => {
  it("extracts choices with the study's rules", () => {
    expect(extractJudgingTheJudgesChoice("MTBench", "… so [[B]]. Final verdict: [[A]]")).toBe("B");
    expect(extractJudgingTheJudgesChoice("MTBench", "no verdict")).toBeUndefined();
    expect(extractJudgingTheJudgesChoice("DevBench", "Choice: A\nReason: …")).toBe("A");
    expect(extractJudgingTheJudgesChoice("DevBench", "[[A]]")).toBeUndefined();
  });

  it("maps both orders to opposite positions with a shared matchId", () => {
    const row = { benchmark: "MTBench", repetition: 2, judge: "gpt-4-0613", questionIndex: "81", choice: "A" };
    const one = mapJudgingTheJudgesRow({ ...row, modelFirst: "claude-v1", modelSecond: "llama-13b" });
    const two = mapJudgingTheJudgesRow({ ...row, modelFirst: "llama-13b", modelSecond: "claude-v1", choice: "C" });
    expect(one).toMatchObject({ first: "MTBench/81/claude-v1", verdict: "first", order: "known", repetition: 2 });
    expect(two).toMatchObject({ first: "MTBench/81/llama-13b", verdict: "tie" });
    expect(two.matchId).toBe(one.matchId);
    expect(mapJudgingTheJudgesRow({ ...row, modelFirst: "x", modelSecond: "y", choice: undefined })).toMatchObject({
      verdict: "invalid",
      raw: "",
    });
    expect(parseJudgingTheJudgesRecordPath("raw/DevBench/Repetition3/record_gemini-pro_2.tsv.gz")).toEqual({
      benchmark: "DevBench",
      repetition: 3,
    });
  });
});

describeWithSharedData(
  "datasets/judging_the_judges",
  `Judging-the-Judges shared data (${sharedPath("judging_the_judges")})`,
  () => {
    let temp: Awaited<ReturnType<typeof makeTempDir>>;
    beforeAll(async () => {
      temp = await makeTempDir();
    });
    afterAll(() => temp.cleanup());

    it("imports the 9,072 rows of repetition_verdicts.csv.gz, one comparison each", async () => {
      const out = join(temp.dir, "csv");
      const { report } = await judgingTheJudgesImporter.import(
        [sharedPath("judging_the_judges/repetition_verdicts.csv.gz")],
        { out },
      );
      expect(report.read).toBe(9072);
      const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
      expect(comparisons).toHaveLength(9072);
      expect(comparisons.filter((c) => c.verdict === "invalid")).toHaveLength(30);
      expect(new Set(comparisons.map((c) => c.judge)).size).toBe(9);
      expect((await validateDataset(out)).ok).toBe(true);

      // Every MT-Bench log without failed responses ("X out of 192 answers are consistent"): 19 of the 27 logs.
      // (Logs with failures count over fewer answers with a rule the logs do not state; they are not compared.)
      const outcome = (c: Comparison) =>
        c.verdict === "first" ? c.first : c.verdict === "second" ? c.second : c.verdict;
      const logs = await listInputFiles([sharedPath("judging_the_judges/raw/MTBench")], (path) =>
        /log_.+\.txt$/.test(path),
      );
      let compared = 0;
      for (const log of logs) {
        const match = /(\d+) out of (\d+) answers are consistent/.exec(await readFile(log, "utf8"));
        const { repetition } = parseJudgingTheJudgesRecordPath(log.replace(/log_(.+)\.txt$/, "record_$1_3.tsv"));
        const judge = /log_(.+)\.txt$/.exec(log)?.[1];
        if (match === null || match[2] !== "192") continue;
        const byMatch = new Map<string, string[]>();
        for (const c of comparisons) {
          if (c.judge !== judge || c.repetition !== repetition || !c.prompt?.startsWith("MTBench/")) continue;
          byMatch.set(c.matchId as string, [...(byMatch.get(c.matchId as string) ?? []), outcome(c)]);
        }
        const consistent = [...byMatch.values()].filter(([a, b]) => a === b).length * 2;
        expect({ log, consistent }).toEqual({ log, consistent: Number(match[1]) });
        compared++;
      }
      expect(compared).toBe(19);
    });

    it("extracts from the upstream MT-Bench Repetition1 records exactly the derived verdicts, and the log's consistency", async () => {
      const out = join(temp.dir, "raw");
      const { report } = await judgingTheJudgesImporter.import(
        [
          sharedPath("judging_the_judges/repetition_verdicts.csv.gz"),
          sharedPath("judging_the_judges/raw/MTBench/Repetition1"),
        ],
        { out },
      );
      // 9 judges × 192 records: every one repeats a CSV row with the same outcome, none conflicts.
      expect(report.skipped.find((entry) => entry.reason === REPEATED_JUDGMENT_REASON)?.count).toBe(9 * 192);
      expect(report.skipped.find((entry) => entry.reason === CONFLICTING_JUDGMENT_REASON)).toBeUndefined();
      const comparisons = await readJsonl<Comparison>(join(out, "comparisons.jsonl"));
      const gpt4 = comparisons.filter(
        (c) => c.judge === "gpt-4-0613" && c.repetition === 1 && c.prompt?.startsWith("MTBench/"),
      );
      const outcome = (c: Comparison) =>
        c.verdict === "first" ? c.first : c.verdict === "second" ? c.second : c.verdict;
      const byMatch = new Map<string, string[]>();
      for (const c of gpt4) byMatch.set(c.matchId as string, [...(byMatch.get(c.matchId as string) ?? []), outcome(c)]);
      const consistentAnswers = [...byMatch.values()].filter(([a, b]) => a === b).length * 2;
      // raw/MTBench/Repetition1/log_gpt-4-0613.txt: "170 out of 192 answers are consistent".
      expect([consistentAnswers, gpt4.length]).toEqual([170, 192]);
    });
  },
);
