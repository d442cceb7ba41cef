import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describeWithSharedData, hasSharedData } from "@judgelab/test-shared-data";
import { expect, it } from "vitest";
import { cohenKappa } from "../agreement/cohen-kappa.js";
import { resolveGoldLabels } from "../agreement/gold-labels.js";
import { measureGoldAgreement } from "../agreement/measure-gold-agreement.js";
import { collectUnitVotes } from "../agreement/unit-votes.js";
import type { GoldAgreementRow } from "../metrics-document.js";
import { collectOrderPairs } from "../order-pairs.js";
import { buildPairUnits } from "../pair-units.js";
import { measureBothOrders } from "../position-bias/measure-both-orders.js";
import {
  buildLlmbarTable,
  type LlmbarVerdict,
  llmbarRunName,
  readLlmbarVerdicts,
} from "../test-support/llmbar-table.js";
import { sharedDatasetsDir } from "../test-support/shared-datasets.js";

/** Every `statistics.json` under llmbar/Dataset with its run name. */
function findStatisticsFiles(): { run: string; stats: Record<string, string | number> }[] {
  const found: { run: string; stats: Record<string, string | number> }[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "statistics.json") {
        const parts = path.relative(path.join(sharedDatasetsDir, "llmbar/Dataset"), full).split(path.sep);
        const at = parts.indexOf("evaluators");
        const run = `${parts.slice(0, at).join("/")}|${parts[at + 1]}|${parts[at + 2]}`;
        found.push({ run, stats: JSON.parse(readFileSync(full, "utf8")) });
      }
    }
  };
  walk(path.join(sharedDatasetsDir, "llmbar/Dataset"));
  return found;
}

/** "76 / 100 = 76.0%" → [76, 100]. */
function parseCount(text: string | number | undefined): [number, number] {
  const match = /^(\d+) \/ (\d+)/.exec(String(text));
  if (!match) throw new Error(`unexpected statistics value ${text}`);
  return [Number(match[1]), Number(match[2])];
}

function goldRows(verdicts: LlmbarVerdict[], orders: { original: boolean; swapped: boolean }) {
  const { table, references } = buildLlmbarTable(verdicts, orders);
  const units = buildPairUnits(table);
  const votes = collectUnitVotes(table, units);
  const gold = resolveGoldLabels({ table, units, votes, references })!;
  const rows = measureGoldAgreement({ table, units, orderPairs: collectOrderPairs(table, units), gold });
  return { table, units, rows: new Map<string, GoldAgreementRow>(rows.map((row) => [row.judge, row])) };
}

// Source: princeton-nlp/LLMBar @ 900616b, Dataset/**/evaluators/<judge>/<strategy>/statistics.json (the
// upstream tool's per-run summary), recomputed from llmbar/verdicts_all.csv.gz (all 499 runs).
describeWithSharedData("datasets/llmbar", "LLMBar statistics.json parity", () => {
  const verdicts = hasSharedData("datasets/llmbar") ? readLlmbarVerdicts() : [];
  const files = hasSharedData("datasets/llmbar") ? findStatisticsFiles() : [];

  it("reproduces correct_False/True/average, correct_both, equal and kappa_agreement of every run", () => {
    expect(files.length).toBe(239);
    const both = goldRows(verdicts, { original: true, swapped: true });
    const original = goldRows(verdicts, { original: true, swapped: false });
    const swapped = goldRows(verdicts, { original: false, swapped: true });
    const orderFigures = measureBothOrders(both.table, both.units, collectOrderPairs(both.table, both.units));
    const judgeCode = new Map(both.table.judgeIds.map((id, code) => [id, code]));
    let exactKappaRuns = 0;
    for (const { run, stats } of files) {
      const row = both.rows.get(run)!;
      const [correctFalse, n] = parseCount(stats.correct_False);
      expect([original.rows.get(run)!.accuracy.count, original.rows.get(run)!.accuracy.n], run).toEqual([
        correctFalse,
        n,
      ]);
      expect(swapped.rows.get(run)!.accuracy.count, run).toBe(parseCount(stats.correct_True)[0]);
      // Stored as "95.5%" (rounded to 0.1) in LLMBar/*, with full precision ("49.074…%") in CaseStudy/*.
      const averageText = String(stats.correct_average).replace("%", "");
      const decimals = averageText.split(".")[1]?.length ?? 0;
      expect(row.accuracy.value! * 100, run).toBeCloseTo(Number(averageText), decimals > 1 ? 8 : 1);
      expect(row.correctBothOrders.available && row.correctBothOrders.rate.count, run).toBe(
        parseCount(stats.correct_both)[0],
      );
      const runVerdicts = verdicts.filter((verdict) => llmbarRunName(verdict) === run);
      const unparsed = runVerdicts.some(
        (v) => !["1", "2"].includes(v.winnerOriginal) || !["1", "2"].includes(v.winnerSwapped),
      );
      const figures = orderFigures[judgeCode.get(run)!]!.bothOrders;
      if (!figures.available) throw new Error(`no both-order figures for ${run}`);
      if (!unparsed) {
        // Clean runs: our pipeline's consistency and κ between orders are LLMBar's `equal` and `kappa_agreement`.
        expect([figures.consistency.count, figures.consistency.n], run).toEqual(parseCount(stats.equal));
        expect(figures.kappaBetweenOrders.value ?? Number.NaN, run).toBeCloseTo(Number(stats.kappa_agreement), 10);
        exactKappaRuns++;
      } else {
        // Upstream quirk: with unparsed winners LLMBar computes κ on "winner == 1" (anything else → 0),
        // and counts an unparsed pair as equal when both orders are unparsed. Check our κ on that mapping.
        const one = runVerdicts.map((v) => (v.winnerOriginal === "1" ? 1 : 0));
        const two = runVerdicts.map((v) => (v.winnerSwapped === "1" ? 1 : 0));
        expect(cohenKappa(one, two, 2).value, run).toBeCloseTo(Number(stats.kappa_agreement), 10);
        // Our consistency excludes unparsed pairs: check it against the parsed pairs directly.
        const parsed = runVerdicts.filter(
          (v) => ["1", "2"].includes(v.winnerOriginal) && ["1", "2"].includes(v.winnerSwapped),
        );
        expect(figures.consistency.n, run).toBe(parsed.length);
        expect(figures.consistency.count, run).toBe(parsed.filter((v) => v.winnerOriginal === v.winnerSwapped).length);
      }
    }
    expect(exactKappaRuns).toBe(184);
  });

  it("Natural/GPT-4/Vanilla: correct_average 95.5%, equal 95/100, kappa_agreement 0.8977 (shared/datasets/README)", () => {
    const run = "LLMBar/Natural|GPT-4|Vanilla";
    const subset = verdicts.filter((verdict) => llmbarRunName(verdict) === run);
    const both = goldRows(subset, { original: true, swapped: true });
    expect(both.rows.get(run)!.accuracy.value).toBeCloseTo(0.955, 10);
    const figures = measureBothOrders(both.table, both.units, collectOrderPairs(both.table, both.units))[0]!.bothOrders;
    expect(figures.available && [figures.consistency.count, figures.consistency.n]).toEqual([95, 100]);
    expect(figures.available && figures.kappaBetweenOrders.value).toBeCloseTo(0.8977, 4);
  });
});
