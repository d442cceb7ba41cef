import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paperImpactTemplate } from "@judgelab/judges";
import { describe, expect, it } from "vitest";
import { paperTournamentPreset } from "./paper-tournament-preset.js";
import { simulateTournament } from "./simulate-tournament.js";

describe("simulateTournament", () => {
  it("runs the seed-style paper tournament quickly, with rotation, random order, no ties and ~45 matches per paper", async () => {
    const config = paperTournamentPreset({ papers: 300, seed: 7 });
    const started = performance.now();
    const result = await simulateTournament({ config, template: paperImpactTemplate });
    const seconds = (performance.now() - started) / 1000;
    const matchesPerPaper = (2 * result.comparisons.length) / result.items.length;
    console.log(
      `preset: ${result.comparisons.length} comparisons, ${matchesPerPaper.toFixed(1)} matches/paper, ${result.summary.rounds} rounds, ${seconds.toFixed(2)} s, reason ${result.summary.reason}`,
    );
    expect(result.summary.reason).toBe("converged");
    expect(matchesPerPaper).toBeGreaterThan(35);
    expect(matchesPerPaper).toBeLessThan(50);
    expect(result.comparisons.every((comparison) => comparison.verdict !== "tie")).toBe(true);
    const byJudge = new Map<string, number>();
    for (const comparison of result.comparisons)
      byJudge.set(comparison.judge, (byJudge.get(comparison.judge) ?? 0) + 1);
    expect([...byJudge.keys()].sort()).toEqual(["claude-opus-4.6", "gemini-3", "gpt-5.2"]);
    for (const count of byJudge.values())
      expect(Math.abs(count - result.comparisons.length / 3)).toBeLessThanOrEqual(1 + result.summary.rounds);
    const pairs = new Set(
      result.comparisons.map((comparison) => [comparison.first, comparison.second].sort().join("|")),
    );
    expect(pairs.size).toBe(result.comparisons.length);
  });

  it("writes a canonical dataset and is reproducible from the seed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "judgelab-simulate-"));
    try {
      const config = paperTournamentPreset({ papers: 40, seed: 3 });
      await simulateTournament({ config, template: paperImpactTemplate, outDir: join(dir, "a") });
      await simulateTournament({ config, template: paperImpactTemplate, outDir: join(dir, "b") });
      const a = readFileSync(join(dir, "a", "comparisons.jsonl"), "utf8");
      expect(a.length).toBeGreaterThan(0);
      expect(readFileSync(join(dir, "b", "comparisons.jsonl"), "utf8")).toBe(a);
      const manifest = JSON.parse(readFileSync(join(dir, "a", "dataset.json"), "utf8"));
      expect(manifest.counts.items).toBe(40);
      expect(manifest.counts.judges).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
