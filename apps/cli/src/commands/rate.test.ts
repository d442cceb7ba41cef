import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-rate-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

/** A small tournament: strength order d > c > b > a, two judges, both orders of each pair as one match. */
function writeTournament(name: string): void {
  const items = ["a", "b", "c", "d"];
  const comparisons: unknown[] = [];
  let id = 0;
  for (let round = 0; round < 6; round++) {
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        // The stronger item (higher index) wins most comparisons; an upset every few rounds keeps the MLE finite.
        const upset = (round + i + j) % 5 === 0;
        const winner = upset ? "first" : "second";
        const matchId = `m${round}-${i}-${j}`;
        const judge = round % 2 === 0 ? "judge-a" : "judge-b";
        const createdAt = new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString();
        comparisons.push({
          id: `c${id++}`,
          first: items[i],
          second: items[j],
          order: "known",
          verdict: winner,
          judge,
          matchId,
          createdAt,
        });
        comparisons.push({
          id: `c${id++}`,
          first: items[j],
          second: items[i],
          order: "known",
          verdict: upset ? "second" : "first",
          judge,
          matchId,
          createdAt,
        });
      }
    }
  }
  comparisons.push({ id: `c${id++}`, first: "a", second: "b", order: "known", verdict: "invalid", judge: "judge-a" });
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name }));
  writeFileSync(
    join(dir, "items.jsonl"),
    lines(items.map((item, index) => ({ id: item, category: index < 2 ? "low" : "high" }))),
  );
  writeFileSync(
    join(dir, "judges.jsonl"),
    lines([
      { id: "judge-a", kind: "llm" },
      { id: "judge-b", kind: "llm" },
    ]),
  );
  writeFileSync(join(dir, "comparisons.jsonl"), lines(comparisons));
}
writeTournament("tournament");

/** Answers written by two models, judged answer against answer (as AlpacaEval stores them). */
function writeAnswers(name: string): void {
  const items = [
    { id: "q1/strong", producer: "strong" },
    { id: "q1/weak", producer: "weak" },
    { id: "q2/strong", producer: "strong" },
    { id: "q2/weak", producer: "weak" },
    { id: "q3/orphan" },
  ];
  const comparisons = [
    { id: "c1", first: "q1/strong", second: "q1/weak", order: "known", verdict: "first", judge: "j" },
    { id: "c2", first: "q2/weak", second: "q2/strong", order: "known", verdict: "second", judge: "j" },
    { id: "c3", first: "q2/weak", second: "q1/weak", order: "known", verdict: "tie", judge: "j" },
    { id: "c4", first: "q3/orphan", second: "q1/weak", order: "known", verdict: "first", judge: "j" },
    { id: "c5", first: "q1/weak", second: "q2/strong", order: "known", verdict: "first", judge: "j" },
  ];
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name }));
  writeFileSync(join(dir, "items.jsonl"), lines(items));
  writeFileSync(join(dir, "comparisons.jsonl"), lines(comparisons));
}
writeAnswers("answers");

describe("judgelab rate", () => {
  it("prints a Bradley–Terry table, best first, with intervals and the record", async () => {
    const run = await runCliForTest(["rate", "tournament", "--method", "bt", "--bootstrap", "200", "--seed", "3"], {
      cwd: root,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // A resample of 72 comparisons can leave an item without a loss (no finite MLE): such rounds are reported in
    // a warning line before the table.
    const rows = run.stdout.split("\n").filter((row) => !/^warning: \d+ bootstrap rounds? did not converge$/.test(row));
    expect(rows[0]).toBe("bt, 72 comparisons (1 invalid left out), seed 3, 200 bootstrap rounds");
    // Both orders of a pair form one match: the default bootstrap resamples the 36 matches whole.
    expect(rows[1]).toMatch(
      /^intervals: 95% percentile intervals over 200 bootstrap rounds resampling the 36 matches whole/,
    );
    expect(rows[2]).toMatch(/^clustering: match \(36 clusters, up to 2 comparisons each\); design effect \d\.\d\d×/);
    expect(rows[3]).toBe("prior: none (the maximum-likelihood estimate exists; --prior X adds an L2 prior)");
    expect(rows[4]).toMatch(/^rank\s+item\s+rating\s+95% interval\s+rank range\s+rank by CI\s+W-L-T\s+W\/\(W\+L\)$/);
    expect(rows[6]).toMatch(/^\s*1\s+d\s+\d+\.\d/);
  });

  it("--cluster and --intervals: clustering, cluster count and design effect in the JSON; bad input exits 2", async () => {
    const rate = (...extra: string[]) =>
      runCliForTest(["rate", "tournament", "--method", "bt", "--bootstrap", "100", "--json", ...extra], { cwd: root });
    const clustered = JSON.parse((await rate()).stdout);
    const naive = JSON.parse((await rate("--cluster", "none")).stdout);
    const pair = JSON.parse((await rate("--cluster", "pair")).stdout);
    const sandwich = JSON.parse((await rate("--intervals", "sandwich")).stdout);
    expect(clustered.intervalMethod).toBe("bootstrap");
    expect(clustered.clustering).toMatchObject({ by: "match", clusters: 36, largest: 2 });
    expect(clustered.clustering.designEffect).toBeGreaterThan(1);
    expect(naive.clustering).toEqual({ by: "comparison", clusters: 72, largest: 1, designEffect: null });
    expect(naive.intervals).toMatch(/the 72 comparisons one by one/);
    expect(pair.clustering).toMatchObject({ by: "pair", clusters: 6, largest: 12 });
    expect(sandwich.intervalMethod).toBe("sandwich");
    expect(sandwich.intervals).toMatch(/cluster-robust sandwich covariance \(CR1\) over the 36 matches whole/);
    expect(sandwich.clustering).toMatchObject({ by: "match", clusters: 36 });
    expect(sandwich.items[0].rankLower).toBeGreaterThanOrEqual(1);

    const answers = await runCliForTest(["rate", "answers", "--method", "bt", "--prior", "0.1", "--cluster", "match"], {
      cwd: root,
    });
    expect(answers.code).toBe(2);
    expect(answers.stderr).toMatch(/--cluster match: .*no comparison has a matchId/);
    const elo = await runCliForTest(["rate", "tournament", "--method", "elo", "--intervals", "sandwich"], {
      cwd: root,
    });
    expect(elo.code).toBe(2);
    expect(elo.stderr).toMatch(/--intervals and --cluster apply to --method bt only/);
    const unknown = await runCliForTest(["rate", "tournament", "--method", "bt", "--cluster", "judge"], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--cluster must be auto, match, pair or none, got "judge"/);
  });

  it("--json gives the documented shape with the seed, and is reproducible", async () => {
    const args = [
      "rate",
      "tournament",
      "--method",
      "bt",
      "--bootstrap",
      "100",
      "--seed",
      "9",
      "--order-effect",
      "--json",
    ];
    const first = await runCliForTest(args, { cwd: root });
    const second = await runCliForTest(args, { cwd: root });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({
      method: "bt",
      seed: 9,
      bootstrapRounds: 100,
      unit: "comparison",
      comparisons: 72,
      invalid: 1,
    });
    expect(Object.keys(report.items[0])).toEqual(
      expect.arrayContaining([
        "id",
        "rating",
        "ciLower",
        "ciUpper",
        "rank",
        "rankLower",
        "rankUpper",
        "wins",
        "losses",
        "ties",
        "comparisons",
        "winRate",
        "winRateLower",
        "winRateUpper",
      ]),
    );
    expect(report.items.map((item: { id: string }) => item.id)).toEqual(["d", "c", "b", "a"]);
    expect(report.orderEffect).toHaveProperty("standardError");
    const mean = report.items.reduce((sum: number, item: { rating: number }) => sum + item.rating, 0) / 4;
    expect(mean).toBeCloseTo(1000, 6);
  });

  it("anchors an item, scores matches and reports TrueSkill's seed display and category rank", async () => {
    const anchored = JSON.parse(
      (
        await runCliForTest(
          ["rate", "tournament", "--method", "bt", "--anchor", "a=800", "--bootstrap", "0", "--json"],
          { cwd: root },
        )
      ).stdout,
    );
    expect(anchored.items.find((item: { id: string }) => item.id === "a").rating).toBeCloseTo(800, 9);
    const matches = JSON.parse(
      (
        await runCliForTest(
          ["rate", "tournament", "--method", "winrate", "--unit", "match", "--bootstrap", "0", "--json"],
          { cwd: root },
        )
      ).stdout,
    );
    expect(matches.unit).toBe("match");
    expect(matches.comparisons).toBe(36);
    const trueSkill = JSON.parse(
      (
        await runCliForTest(["rate", "tournament", "--method", "trueskill", "--bootstrap", "0", "--json"], {
          cwd: root,
        })
      ).stdout,
    );
    expect(trueSkill.items[0]).toMatchObject({ id: "d", categoryRank: "#1 of 2" });
    expect(trueSkill.items[0].display).toMatch(/^\d+±\d+$/);
    expect(trueSkill.parameters.drawProbability).toBe(0);
    const withDraws = JSON.parse(
      (
        await runCliForTest(
          ["rate", "tournament", "--method", "trueskill", "--bootstrap", "0", "--draw-probability", "0.1", "--json"],
          { cwd: root },
        )
      ).stdout,
    );
    expect(withDraws.parameters.drawProbability).toBe(0.1);
    expect(withDraws.items[0].sigma).not.toBe(trueSkill.items[0].sigma);
  });

  it("bt on a judge without a finite MLE uses the documented default prior and prints it with the reason", async () => {
    // judge-a's slice of the tournament has upsets; give judge-c a slice in which d never lost.
    const dir = join(root, "separated");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name: "separated" }));
    const rows = [
      ["d", "c", "first"],
      ["d", "b", "first"],
      ["c", "b", "first"],
      ["b", "c", "first"],
      ["a", "b", "second"],
      ["a", "c", "first"],
    ].map(([first, second, verdict], index) => ({
      id: `s${index}`,
      first,
      second,
      order: "known",
      verdict,
      judge: "judge-c",
    }));
    writeFileSync(join(dir, "comparisons.jsonl"), lines(rows));
    writeFileSync(join(dir, "items.jsonl"), lines(["a", "b", "c", "d"].map((id) => ({ id }))));
    writeFileSync(join(dir, "judges.jsonl"), lines([{ id: "judge-c", kind: "llm" }]));
    const run = await runCliForTest(["rate", "separated", "--method", "bt", "--bootstrap", "0"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "prior: L2 λ = 1, the default when the maximum-likelihood estimate does not exist: some items never lost (or never won)",
    );
    expect(run.stdout).toContain("--prior X sets another, --prior 0 refuses any");
    const report = JSON.parse(
      (await runCliForTest(["rate", "separated", "--method", "bt", "--bootstrap", "0", "--json"], { cwd: root }))
        .stdout,
    );
    expect(report.prior).toMatchObject({ value: 1, source: "default" });
    for (const item of report.items) expect(Math.abs(item.rating - 1000)).toBeLessThan(500);
    const refused = await runCliForTest(["rate", "separated", "--method", "bt", "--bootstrap", "0", "--prior", "0"], {
      cwd: root,
    });
    expect(refused.stdout).toContain("prior: L2 λ = 0 (--prior)");
    expect(refused.stdout).toContain("warning: some items never lost (or never won)");
  });

  it("--by judge prints one report per judge; --judge-aware reports discriminations", async () => {
    const byJudge = JSON.parse(
      (
        await runCliForTest(["rate", "tournament", "--method", "elo", "--by", "judge", "--bootstrap", "20", "--json"], {
          cwd: root,
        })
      ).stdout,
    );
    expect(byJudge.by).toBe("judge");
    expect(byJudge.reports.map((report: { judge: string }) => report.judge)).toEqual(["judge-a", "judge-b"]);
    const aware = JSON.parse(
      (
        await runCliForTest(["rate", "tournament", "--method", "bt", "--judge-aware", "--bootstrap", "0", "--json"], {
          cwd: root,
        })
      ).stdout,
    );
    expect(aware.judges.map((judge: { id: string }) => judge.id)).toEqual(["judge-a", "judge-b"]);
  });

  it("--group rates the producers of the answers and counts what it leaves out", async () => {
    const run = await runCliForTest(
      ["rate", "answers", "--method", "winrate", "--group", "producer", "--bootstrap", "0", "--json"],
      { cwd: root },
    );
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout);
    expect(report.grouping).toEqual({ field: "producer", groups: 2, sameGroupRows: 1, ungroupedRows: 1 });
    expect(
      report.items.map((item: { id: string; wins: number; losses: number }) => [item.id, item.wins, item.losses]),
    ).toEqual([
      ["strong", 2, 1],
      ["weak", 1, 2],
    ]);
    const missing = await runCliForTest(["rate", "answers", "--method", "bt", "--group", "nothing"], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no item has a "nothing" field');
  });

  it("explains usage errors with exit code 2", async () => {
    const noMethod = await runCliForTest(["rate", "tournament"], { cwd: root });
    expect(noMethod.code).toBe(2);
    expect(noMethod.stderr).toContain("--method must be one of elo, bt, trueskill, glicko2, openskill, winrate");
    const badAnchor = await runCliForTest(["rate", "tournament", "--method", "bt", "--anchor", "zz=1"], { cwd: root });
    expect(badAnchor.code).toBe(2);
    expect(badAnchor.stderr).toContain('anchor item "zz"');
    const wrongMethod = await runCliForTest(["rate", "tournament", "--method", "elo", "--ties", "davidson"], {
      cwd: root,
    });
    expect(wrongMethod.stderr).toContain(
      "--ties applies to --method bt (half, davidson, rao-kupper) and winrate (half, excluded)",
    );
    const missing = await runCliForTest(["rate", "nowhere", "--method", "bt"], { cwd: root });
    expect(missing.code).toBe(2);
    const help = await runCliForTest(["rate", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--method elo|bt|trueskill|glicko2|openskill|winrate");
  });
});
