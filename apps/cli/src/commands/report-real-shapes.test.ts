import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONFOUNDED_LABEL, type MetricsDocument } from "@judgelab/analytics";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

/**
 * End to end on each real dataset shape: small files in the upstream layouts (written here, not copied), imported
 * with `judgelab import` and reported with `judgelab report`. Each report must rank producers by rating, present
 * no confounded figure as a finding, and name the unit of every agreement figure.
 */
const root = mkdtempSync(join(tmpdir(), "judgelab-real-shapes-"));
afterAll(() => (process.env.KEEP_SHAPES ? undefined : rmSync(root, { recursive: true, force: true })));

/** Deterministic uniform numbers in [0, 1) (a 32-bit LCG; the fixtures only need to be fixed, not good). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Reported {
  readonly markdown: string;
  readonly metrics: MetricsDocument;
  readonly headlines: readonly string[];
}

async function importAndReport(format: string, input: string, name: string): Promise<Reported> {
  const imported = await runCliForTest(["import", format, input, "--out", `${name}-data`], { cwd: root });
  expect(imported.code, imported.stderr).toBe(0);
  const run = await runCliForTest(
    ["report", `${name}-data`, "--out", `${name}-report`, "--bootstrap", "30", "--pages", "0", "--no-png", "--json"],
    { cwd: root },
  );
  expect(run.code, run.stderr).toBe(0);
  const summary = JSON.parse(run.stdout) as { headlines: string[] };
  return {
    markdown: readFileSync(join(root, `${name}-report`, "report.md"), "utf8"),
    metrics: JSON.parse(readFileSync(join(root, `${name}-report`, "metrics.json"), "utf8")) as MetricsDocument,
    headlines: summary.headlines,
  };
}

/** The rows of the ranking table under its "### Top …" heading: [first cell (rank), second cell (name), rating]. */
function leaderboardRows(markdown: string): { name: string; rating: number }[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.startsWith("### Top "));
  expect(start, "a ranking table").toBeGreaterThan(0);
  const header = lines[start + 2]!.split("|").map((cell) => cell.trim());
  const ratingColumn = header.findIndex((cell) => cell.startsWith("BT rating"));
  const rows: { name: string; rating: number }[] = [];
  for (const line of lines.slice(start + 4)) {
    if (!line.startsWith("|")) break;
    const cells = line.split("|").map((cell) => cell.trim());
    rows.push({ name: cells[2]!.replaceAll("\\", ""), rating: Number.parseFloat(cells[ratingColumn]!) });
  }
  return rows;
}

/** Every line of prose that states an agreement figure names its unit: per pair or per comparison. */
function expectAgreementUnits(report: Reported): void {
  const prose = [
    ...report.headlines,
    ...report.markdown.split("\n").filter((line) => line.startsWith("> ") || line.startsWith("- ")),
  ];
  const agreementLines = prose.filter((line) => /κ|kappa|agree|accuracy/i.test(line) && /\d/.test(line));
  for (const line of agreementLines) expect(line, line).toMatch(/per (pair|comparison)/i);
  // and every agreement table's headers say their unit
  for (const line of report.markdown.split("\n")) {
    if (/^\| judge A \|/.test(line) || /^\| judge \| votes \|/.test(line))
      expect(line).toMatch(/per (pair|comparison)/);
  }
}

/** No first-position rate of a judge whose order is confounded appears as a finding or with a p-value. */
function expectNoConfoundedFinding(report: Reported): string[] {
  const positionBias = report.metrics.positionBias;
  if (!positionBias.available) return [];
  const confounded = positionBias.perJudge.filter((row) => row.orderDesign?.confounded === true);
  for (const row of confounded) {
    expect(row.binomialPValue).toBeNull();
    expect(row.orderEffect.available).toBe(false);
    for (const line of report.headlines) {
      if (line.includes(CONFOUNDED_LABEL)) continue;
      expect(line, line).not.toMatch(new RegExp(`${row.judge.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\d+%`));
    }
    const section = report.markdown.slice(report.markdown.indexOf("## Position bias"));
    const tableRow = section.split("\n").find((line) => line.startsWith(`| ${row.judge.replaceAll("_", "\\_")} |`));
    expect(tableRow, `${row.judge} in the position-bias table`).toContain(CONFOUNDED_LABEL);
  }
  // self-preference is only ever a paired figure
  if (report.metrics.biases.available && report.metrics.biases.selfPreference.available) {
    for (const row of report.metrics.biases.selfPreference.perJudge) {
      expect(row.difference.value === null || row.pairedUnits > 0).toBe(true);
    }
  }
  return confounded.map((row) => row.judge);
}

describe("report on answers by models against a baseline (AlpacaEval layout)", () => {
  const strengths: Record<string, number> = { "FuseChat-7B": 1.2, "llama-2-70b-chat-hf": 0.3, "alpaca-7b": -1.2 };
  let report: Reported;

  it("imports, reports and rates the producers, not the answers", async () => {
    const next = random(11);
    const lines = [
      "results_dir,annotator_dir,annotator,instruction_id,dataset,generator_1,generator_2,preference,is_switched_outputs_derived,shown_first,len_output_1,len_output_2",
    ];
    for (const annotator of ["alpaca_eval_gpt4_turbo_fn", "weighted_alpaca_eval_gpt4_turbo"]) {
      for (const [model, strength] of Object.entries(strengths)) {
        for (let instruction = 0; instruction < 40; instruction++) {
          const p = 1 / (1 + Math.exp(-strength));
          // the weighted annotator gives a continuous preference in [1, 2], the other 1 or 2
          const preference = annotator.startsWith("weighted") ? 1 + p : next() < p ? 2 : 1;
          const switched = (instruction * 7 + model.length) % 2;
          const shown = switched === 1 ? model : "gpt4_1106_preview";
          lines.push(
            `${model},${annotator},${annotator},${instruction},helpful_base,gpt4_1106_preview,${model},${preference},${switched},${shown},${1000 + instruction},${900 + instruction * 3}`,
          );
        }
      }
    }
    writeFileSync(join(root, "annotations_compact.csv"), `${lines.join("\n")}\n`);
    report = await importAndReport("alpaca-eval", "annotations_compact.csv", "alpaca");
    const stability = report.metrics.stability;
    if (!stability.available) throw new Error(stability.reason);
    expect(stability.rated).toMatchObject({ unit: "group", field: "producer", groups: 4 });
    expect(report.headlines.join("\n")).toContain("The leaderboard rates the 4 producers");
  });

  it("ranks the producers by rating, best first, in the order of their true strength", () => {
    const rows = leaderboardRows(report.markdown);
    expect(rows.map((row) => row.name).filter((name) => name !== "gpt4_1106_preview")).toEqual([
      "FuseChat-7B",
      "llama-2-70b-chat-hf",
      "alpaca-7b",
    ]);
    for (let k = 1; k < rows.length; k++) expect(rows[k]!.rating).toBeLessThanOrEqual(rows[k - 1]!.rating);
  });

  it("presents no confounded figure and names every agreement unit", () => {
    expect(expectNoConfoundedFinding(report)).toEqual([]);
    expectAgreementUnits(report);
  });
});

describe("report on fixed-order reviews (vicuna-reviews layout)", () => {
  let report: Reported;

  it("imports, reports and rates the producers", async () => {
    const next = random(5);
    const folder = join(root, "vicuna", "eval", "table");
    mkdirSync(join(folder, "answer"), { recursive: true });
    mkdirSync(join(folder, "review"), { recursive: true });
    const models = { "llama-13b:v1": 0.2, "alpaca-13b:v1": 0.35, "bard:20230327": 0.55 };
    const questions: string[] = [];
    const answers = new Map<string, string[]>();
    const answerLine = (model: string, question: number) =>
      JSON.stringify({
        answer_id: `${model}-${question}`,
        model_id: model,
        question_id: question,
        text: `answer ${question}`,
      });
    for (let question = 1; question <= 30; question++) {
      questions.push(
        JSON.stringify({
          question_id: question,
          text: `question ${question}`,
          category: question % 2 === 0 ? "generic" : "math",
        }),
      );
      for (const model of [...Object.keys(models), "vicuna-13b:v1"])
        answers.set(model, [...(answers.get(model) ?? []), answerLine(model, question)]);
    }
    writeFileSync(join(folder, "question.jsonl"), `${questions.join("\n")}\n`);
    for (const [model, lines] of answers)
      writeFileSync(join(folder, "answer", `answer_${model.split(":")[0]}.jsonl`), `${lines.join("\n")}\n`);
    // Assistant 2 is always Vicuna (the upstream review files); it wins unless the other model is lucky.
    for (const [model, chance] of Object.entries(models)) {
      const reviews: string[] = [];
      for (let question = 1; question <= 30; question++) {
        const otherWins = next() < chance;
        reviews.push(
          JSON.stringify({
            question_id: question,
            answer1_id: `${model}-${question}`,
            answer2_id: `vicuna-13b:v1-${question}`,
            reviewer_id: 1,
            text: "8 9\nreview",
            score: otherWins ? [9, 7] : [7, 9],
          }),
        );
      }
      writeFileSync(
        join(folder, "review", `review_${model.split(":")[0]}_vicuna-13b.jsonl`),
        `${reviews.join("\n")}\n`,
      );
    }
    report = await importAndReport("vicuna-reviews", "vicuna", "vicuna");
    const stability = report.metrics.stability;
    if (!stability.available) throw new Error(stability.reason);
    expect(stability.rated).toMatchObject({ unit: "group", field: "producer", groups: 4 });
  });

  it("ranks the producers by rating, best first", () => {
    const rows = leaderboardRows(report.markdown);
    expect(rows[0]!.name).toBe("vicuna-13b:v1");
    expect(rows.at(-1)!.name).toBe("llama-13b:v1");
    for (let k = 1; k < rows.length; k++) expect(rows[k]!.rating).toBeLessThanOrEqual(rows[k - 1]!.rating);
  });

  it("labels the first-position rate as confounded with order, never as position bias", () => {
    expect(expectNoConfoundedFinding(report)).toEqual(["gpt-4"]);
    expect(report.headlines.join("\n")).toContain(
      `Position bias is not estimable for gpt-4: the presentation order follows the producer (vicuna-13b:v1 always shown second (90 comparisons)`,
    );
    expect(report.headlines.join("\n")).toContain(`so the first-position win rate is ${CONFOUNDED_LABEL}.`);
    expect(report.markdown).toMatch(
      /\| gpt-4 \| 90 \| [\d.]+% .* \| confounded with order; not a position-bias estimate \|/,
    );
    expectAgreementUnits(report);
  });
});

describe("report on dozens of judges with gold labels (LLMBar layout)", () => {
  let report: Reported;
  const judges: string[] = [];

  it("imports and reports 40 judges on pairs judged in both orders", async () => {
    const next = random(23);
    const lines = ["subset,evaluator,strategy,idx,label,winner_orig,winner_swap,n_results"];
    for (const evaluator of ["GPT-4", "ChatGPT", "PaLM2", "LLaMA2", "Falcon"]) {
      for (const strategy of [
        "Vanilla",
        "CoT",
        "Swap",
        "Reference",
        "Metrics",
        "Rating",
        "Swap_CoT",
        "Vanilla_1shot",
      ]) {
        judges.push(`${evaluator}/${strategy}`);
        const accuracy = evaluator === "GPT-4" ? 0.9 : evaluator === "Falcon" ? 0.5 : 0.7;
        const firstBias = evaluator === "Falcon" ? 0.35 : 0;
        for (let idx = 0; idx < 30; idx++) {
          const label = 1 + (idx % 2);
          // winner in original numbering, for output_1 shown first (orig) and output_2 shown first (swap)
          const pick = (firstShown: number) => {
            if (next() < firstBias) return firstShown;
            return next() < accuracy ? label : 3 - label;
          };
          lines.push(`Natural,${evaluator},${strategy},${idx},${label},${pick(1)},${pick(2)},1`);
        }
      }
    }
    writeFileSync(join(root, "verdicts_all.csv"), `${lines.join("\n")}\n`);
    report = await importAndReport("llmbar", "verdicts_all.csv", "llmbar");
  });

  it("never shows a ranking table in id order: answers without producers met one opponent, so no BT leaderboard", () => {
    expect(report.metrics.stability.available).toBe(false);
    expect(report.markdown).toContain("No Bradley–Terry leaderboard: items meet 1.00 distinct opponents");
    // 30 answer pairs that never meet: no ranking table at all (not by id, not by a score across unrelated pairs)
    expect(report.markdown).not.toContain("### Top ");
    expect(report.markdown).not.toMatch(/\| 1 \| Natural\/0\/output/);
  });

  it("says how many agreement rows it cut, names every agreement unit, presents no confounded figure", () => {
    expect(report.markdown).toMatch(/… [\d,]+ more rows not shown; metrics\.json holds every row\./);
    // a 41 × 41 heatmap (40 judges and gold) is cut to the 30 judges with the most shared pairs, and says so
    expect(report.markdown).toContain("the 30 judges with the most shared pairs of 41 (11 more in metrics.json)");
    expectAgreementUnits(report);
    expect(expectNoConfoundedFinding(report)).toEqual([]);
    expect(report.headlines.join("\n")).toMatch(/Per pair \(each judge's modal verdict on a pair\)/);
  });
});
