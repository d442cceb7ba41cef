import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paperTournamentPreset, simulateTournament } from "@judgelab/tournament";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

/**
 * The demo's shape (a paper tournament scheduled within categories, TrueSkill tournament score beside pooled BT):
 * the report must not contradict itself — every rank says its method, score and ± are explained, a page asked
 * for by id is not called best-rated, win probabilities compare only papers that met.
 */
const root = mkdtempSync(join(tmpdir(), "judgelab-demo-labels-"));
afterAll(() => (process.env.KEEP_SHAPES ? undefined : rmSync(root, { recursive: true, force: true })));
let markdown = "";
let pages: string[] = [];
let lowest = "";

beforeAll(async () => {
  const config = paperTournamentPreset({ papers: 24, seed: 5, categories: ["Economics", "Robotics"] });
  await simulateTournament({ config, outDir: join(root, "sim") });
  // the lowest-rated paper's page is asked for by id, as the demo asks for the focal seed paper
  const ranked = await runCliForTest(["rate", "sim", "--method", "bt", "--json", "--bootstrap", "0"], { cwd: root });
  const items = (JSON.parse(ranked.stdout) as { items: { id: string; rank: number }[] }).items;
  lowest = [...items].sort((a, b) => b.rank - a.rank)[0]!.id;
  const run = await runCliForTest(
    ["report", "sim", "--out", "out", "--bootstrap", "30", "--pages", "2", "--page", lowest, "--no-png", "--json"],
    { cwd: root },
  );
  expect(run.code, run.stderr).toBe(0);
  markdown = readFileSync(join(root, "out", "report.md"), "utf8");
  pages = readdirSync(join(root, "out", "items")).map((file) => readFileSync(join(root, "out", "items", file), "utf8"));
});

describe("the demo report's labels", () => {
  it("says by which method each category rank is, and gives the BT rank beside the tournament-score rank", () => {
    for (const page of pages)
      expect(page).toMatch(
        /#\d+ of \d+ · \w+ <span class="muted small">by tournament score; #\d+ of \d+ by BT rating<\/span>/,
      );
  });

  it("explains score and ±, on the pages and under the leaderboard", () => {
    for (const page of pages) expect(page).toContain("± is round(2σ·10), two standard deviations");
    expect(markdown).toContain("score: TrueSkill as the seed system shows it, round((μ − 3σ)·10 + 1200)");
  });

  it("does not list a page asked for by id among the best-rated", () => {
    expect(markdown).toMatch(/Tournament pages of the 2 best-rated items \(of 24\), plus ".*", asked for by id/);
    expect(markdown).toMatch(/^3\. \[.*\]\(items\/.*\) \\\*$/m);
  });

  it("compares win probabilities only within one category when categories never met", () => {
    expect(markdown).toMatch(
      /Modelled probability that the row item beats the column item within one group that met \(category (Economics|Robotics)\)/,
    );
  });
});
