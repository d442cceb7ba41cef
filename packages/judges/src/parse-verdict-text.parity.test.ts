import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describeWithSharedData, sharedDataPath } from "@judgelab/test-shared-data";
import { expect, it } from "vitest";
import { answerComparisonTemplate } from "./built-in-templates.js";
import { parseVerdictText } from "./parse-verdict-text.js";

/**
 * Parity of the tolerant parser with verdicts extracted by the upstream projects from real judge outputs:
 * - Judging the Judges (Shi et al. 2024, https://github.com/Shi-Lin-Lab/Judging-the-Judges): 9 judges × 3 repetitions
 *   of MT-Bench pairwise judgments, raw outputs in the `record_<judge>_3.tsv.gz` files under `raw/MTBench/Repetition{1,2,3}`, upstream extraction
 *   (`[[A]]`/`[[B]]`/`[[C]]`) in `repetition_verdicts.csv.gz`;
 * - LLMBar (Zeng et al., ICLR 2024, https://github.com/princeton-nlp/LLMBar): `Output (a)`/`Output (b)` answers of 6
 *   judges under the non-rating strategies of LLMBar/Natural, upstream `winner` in each `result.json`.
 * Thresholds are the agreement measured when this test was written (5,155 of 5,184 and 11,520 of 11,600); the rows
 * that differ are answers the upstream extraction left unparsed, or self-contradicting answers.
 */
const datasets = sharedDataPath("datasets");

/** Reads tab-separated text with double-quoted fields (newlines and doubled quotes inside quotes). */
function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let position = 0;
  const separator = /[\t\r\n]/g;
  while (position < text.length) {
    let field: string;
    if (text[position] === '"') {
      let end = position + 1;
      let value = "";
      for (;;) {
        const quote = text.indexOf('"', end);
        if (quote < 0) throw new Error("unterminated quoted field");
        value += text.slice(end, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          end = quote + 2;
        } else {
          end = quote + 1;
          break;
        }
      }
      field = value;
      position = end;
    } else {
      separator.lastIndex = position;
      const match = separator.exec(text);
      const end = match === null ? text.length : match.index;
      field = text.slice(position, end);
      position = end;
    }
    row.push(field);
    const delimiter = text[position];
    if (delimiter === "\t") {
      position++;
    } else {
      position += delimiter === "\r" && text[position + 1] === "\n" ? 2 : 1;
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

const positional: Record<string, string> = { first: "A", second: "B", tie: "C" };

describeWithSharedData("datasets/judging_the_judges", "parser parity: Judging the Judges (MT-Bench)", () => {
  it("agrees with the upstream [[A]]/[[B]]/[[C]] extraction on real judge outputs", () => {
    const root = path.join(datasets, "judging_the_judges");
    const extracted = new Map<string, string>();
    const csv = gunzipSync(readFileSync(path.join(root, "repetition_verdicts.csv.gz")))
      .toString("utf8")
      .split("\n");
    const header = csv[0]!.split(",");
    const column = (name: string): number => header.indexOf(name);
    for (const line of csv.slice(1)) {
      const cells = line.split(",");
      if (cells[column("benchmark")] !== "MTBench") continue;
      const key = ["repetition", "judge", "question_index", "model_A_pos1", "model_B_pos2"].map(
        (name) => cells[column(name)],
      );
      extracted.set(key.join(";"), cells[column("extracted")] ?? "");
    }
    let total = 0;
    let agree = 0;
    let contradicted = 0;
    for (const repetition of [1, 2, 3]) {
      const folder = path.join(root, "raw", "MTBench", `Repetition${repetition}`);
      for (const file of readdirSync(folder).filter((name) => name.startsWith("record_"))) {
        const [tsvHeader, ...rows] = parseTsv(gunzipSync(readFileSync(path.join(folder, file))).toString("utf8"));
        const judge = tsvHeader!.at(-1)!;
        for (const row of rows) {
          if (row.length < tsvHeader!.length) continue;
          const upstream = extracted.get([repetition, judge, row[0]!].join(";"));
          expect(upstream, `${file}: ${row[0]} has no upstream verdict`).toBeDefined();
          const parsed = parseVerdictText(row.at(-1)!, answerComparisonTemplate);
          const mine = parsed.type === "verdict" ? positional[parsed.verdict] : "";
          total++;
          if (mine === upstream) agree++;
          else if (upstream !== "" && mine !== "") contradicted++;
        }
      }
    }
    expect(total).toBe(5184);
    expect(agree).toBeGreaterThanOrEqual(5155);
    expect(contradicted).toBeLessThanOrEqual(1);
  });
});

describeWithSharedData("datasets/llmbar", "parser parity: LLMBar (Output (a)/(b))", () => {
  it("agrees with the upstream winners on real judge outputs in both presentation orders", () => {
    const evaluators = path.join(datasets, "llmbar", "Dataset", "LLMBar", "Natural", "evaluators");
    let total = 0;
    let agree = 0;
    for (const judge of readdirSync(evaluators)) {
      for (const strategy of readdirSync(path.join(evaluators, judge))) {
        const file = path.join(evaluators, judge, strategy, "result.json");
        if (strategy.startsWith("Rating") || !existsSync(file)) continue;
        const items = JSON.parse(readFileSync(file, "utf8")) as Array<{
          results: Array<Record<string, { completion: unknown; winner: unknown }>>;
        }>;
        for (const item of items) {
          const last = item.results.at(-1)!;
          for (const [order, swapped] of [
            ["swap = False", false],
            ["swap = True", true],
          ] as const) {
            const result = last[order];
            if (result === undefined) continue;
            const text = Array.isArray(result.completion) ? String(result.completion[0]) : String(result.completion);
            const winner = String(result.winner);
            // `winner` uses the original numbering; with swap = True output 2 was shown first.
            const expected =
              winner === "1" || winner === "2" ? ((winner === "1") !== swapped ? "first" : "second") : "none";
            const parsed = parseVerdictText(text, answerComparisonTemplate);
            total++;
            if ((parsed.type === "verdict" ? parsed.verdict : "none") === expected) agree++;
          }
        }
      }
    }
    expect(total).toBe(11600);
    expect(agree).toBeGreaterThanOrEqual(11520);
  });
});
