/**
 * Calibration speed: `measureCalibration` (ECE and Brier with a cluster bootstrap over pair units, computed on
 * per-(unit, bin) cells) on 3 judges × 40,000 verdicts with confidences over 20,000 pairs, against the naive
 * bootstrap measured in the same run: each round gathers the resampled units' verdicts and recomputes the
 * figures from rows (`computeCalibrationFigures`). Prints seconds and the ratio (target: the cell version at
 * most half the naive one) in CPU seconds, and that both give the same point figures.
 * Usage: pnpm bench calibration [rounds]   (default 200)
 */
import { buildPairUnits, computeCalibrationFigures, measureCalibration } from "@judgelab/analytics";
import { buildComparisonTable } from "@judgelab/datasets";
import { createRandomSource } from "@judgelab/ratings";
import type { Comparison } from "@judgelab/schema";

const rounds = Number(process.argv[2] ?? 200);

/** CPU seconds (user + system) since `since`: the machine may be shared, so wall time would mislead. */
function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}
const pairs = 20_000;
const judges = ["a", "b", "c"];
const random = createRandomSource(7);
const comparisons: Comparison[] = [];
for (let pair = 0; pair < pairs; pair++) {
  const base = { first: `x${pair}`, second: `y${pair}`, order: "known" as const };
  for (const judge of judges) {
    for (let repetition = 0; repetition < 2; repetition++) {
      const confidence = 0.5 + 0.5 * random.next();
      const right = random.next() < confidence - 0.05 * judges.indexOf(judge);
      comparisons.push({
        ...base,
        id: `${judge}-${pair}-${repetition}`,
        verdict: right ? "first" : "second",
        judge,
        repetition,
        confidence,
      });
    }
  }
}
const table = buildComparisonTable(comparisons);
const units = buildPairUnits(table);
// Gold: the first item of every pair wins (unit label 0 = the lower item code, which is the first item here).
const gold = {
  source: "bench",
  label: new Uint8Array(units.count),
  labelJudges: new Set<number>(),
  labelled: units.count,
  unmatched: 0,
};

let started = process.cpuUsage();
const section = measureCalibration({ table, units, gold, seed: 1, bootstrapRounds: rounds });
const cellSeconds = cpuSecondsSince(started);

// Naive: per judge, rows grouped by unit; each round concatenates the drawn units' rows and recomputes.
started = process.cpuUsage();
const naiveEce: number[] = [];
for (let code = 0; code < table.judgeIds.length; code++) {
  const rowsOfUnit = new Map<number, number[]>();
  for (let row = 0; row < table.size; row++) {
    if (table.judge[row] !== code) continue;
    const unit = units.unit[row]!;
    rowsOfUnit.set(unit, [...(rowsOfUnit.get(unit) ?? []), row]);
  }
  const groups = [...rowsOfUnit.values()];
  const naiveRandom = createRandomSource(1 + code);
  const confidence: number[] = [];
  const correct: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    confidence.length = 0;
    correct.length = 0;
    for (let draw = 0; draw < groups.length; draw++) {
      const group = round === 0 ? groups[draw]! : groups[Math.floor(naiveRandom.next() * groups.length)]!;
      for (const row of group) {
        confidence.push(table.confidence![row]!);
        correct.push(units.label[row] === 0 ? 1 : 0);
      }
    }
    const figures = computeCalibrationFigures({ confidence, correct, bins: 10 });
    if (round === 0) naiveEce.push(figures.ece);
  }
}
const naiveSeconds = cpuSecondsSince(started);

const same = section.perJudge.every((row, index) => Math.abs((row.ece.value ?? Number.NaN) - naiveEce[index]!) < 1e-12);
const ratio = cellSeconds / naiveSeconds;
process.stdout.write(
  `${table.size} verdicts with confidences, ${units.count} pairs, ${judges.length} judges, ${rounds} rounds\n` +
    `  measureCalibration (cells): ${cellSeconds.toFixed(2)} CPU s\n` +
    `  naive row bootstrap:        ${naiveSeconds.toFixed(2)} CPU s\n` +
    `  ratio ${ratio.toFixed(3)} (target ≤ 0.5: ${ratio <= 0.5 ? "met" : "MISSED"}); same point ECE: ${same}\n`,
);
process.exitCode = ratio <= 0.5 && same ? 0 : 1;
