import type { Item } from "@judgelab/schema";
import { describe, expect, it } from "vitest";
import { hashedNormal } from "./hashed-normal.js";
import { joinSeedPagePapers } from "./join-seed-page-papers.js";
import { paperTournamentPreset } from "./paper-tournament-preset.js";
import { PAPER_ASSESSOR, simulatePaperAssessments } from "./simulate-paper-assessments.js";
import { AUDIT_PAPERS, simulateReliabilityAudit } from "./simulate-reliability-audit.js";
import { thinItems } from "./thin-items.js";

describe("hashedNormal", () => {
  it("is stable per id and seed and standard normal over many ids", () => {
    expect(hashedNormal("paper-1", 7)).toBe(hashedNormal("paper-1", 7));
    expect(hashedNormal("paper-1", 7)).not.toBe(hashedNormal("paper-1", 8));
    const draws = Array.from({ length: 4000 }, (_, index) => hashedNormal(`id-${index}`, 1));
    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    const variance = draws.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (draws.length - 1);
    // 4,000 draws: SE of the mean 0.016, of the variance about 0.022.
    expect(Math.abs(mean)).toBeLessThan(0.06);
    expect(Math.abs(variance - 1)).toBeLessThan(0.09);
  });
});

describe("thinItems", () => {
  it("takes every ⌊k·n/limit⌋-th item, or all when few", () => {
    const items = Array.from({ length: 10 }, (_, index) => index);
    expect(thinItems(items, 4)).toEqual([0, 2, 5, 7]);
    expect(thinItems(items, 20)).toEqual(items);
  });
});

const paper = (id: string, category: string | undefined, quality?: number): Item => ({
  id,
  ...(category === undefined ? {} : { category }),
  ...(quality === undefined ? {} : { metadata: { quality } }),
});

describe("joinSeedPagePapers", () => {
  it("adds new seed-page papers with a quality and the AI category, skipping known ones", () => {
    const pool = [paper("a", "Robotics", 0.5)];
    const joined = joinSeedPagePapers(
      pool,
      [paper("a", undefined), paper("s1", undefined), paper("s2", "Economics", 2)],
      3,
    );
    expect(joined.showcase).toEqual(["s1", "s2"]);
    expect(joined.papers.map((item) => [item.id, item.category])).toEqual([
      ["a", "Robotics"],
      ["s1", "Artificial Intelligence"],
      ["s2", "Economics"],
    ]);
    expect(joined.papers[1]?.metadata).toEqual({ quality: 1.5 * hashedNormal("s1", 3), seedPage: true });
    expect(joined.papers[2]?.metadata).toEqual({ quality: 2, seedPage: true });
  });
});

describe("simulatePaperAssessments", () => {
  it("scores every paper 1–10 in halves, higher for better papers", () => {
    const papers = Array.from({ length: 200 }, (_, index) => paper(`p${index}`, "AI", (index - 100) / 40));
    const assessments = simulatePaperAssessments(papers, 5);
    expect(assessments).toHaveLength(200);
    for (const assessment of assessments) {
      expect(assessment.judge).toBe(PAPER_ASSESSOR);
      for (const score of Object.values(assessment.scores)) {
        expect(score).toBeGreaterThanOrEqual(1);
        expect(score).toBeLessThanOrEqual(10);
        expect(Number.isInteger(score * 2)).toBe(true);
      }
    }
    const mean = (from: number, to: number) =>
      assessments.slice(from, to).reduce((sum, assessment) => sum + (assessment.scores.overall ?? 0), 0) / (to - from);
    // overall = 5.5 + 1.1·quality + 0.9·z: the best 50 average about 5.5 + 1.1·1.9, the worst 50 5.5 − 1.1·1.9.
    expect(mean(150, 200) - mean(0, 50)).toBeGreaterThan(3);
  });
});

describe("simulateReliabilityAudit", () => {
  it("has every judge judge the audit papers' pairs in both orders, with ids and times after the tournament's", async () => {
    const papers = Array.from({ length: 60 }, (_, index) => ({
      ...paper(`p${index}`, index % 2 === 0 ? "AI" : "Robotics", index / 30),
      title: `Paper ${index}`,
    }));
    const config = paperTournamentPreset({ seed: 4, papers: papers.length, categories: ["AI", "Robotics"] });
    const audit = await simulateReliabilityAudit({ config, papers, signal: new AbortController().signal });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((comparison) => comparison.id.startsWith("audit.") && comparison.condition === "audit")).toBe(
      true,
    );
    const items = new Set(audit.flatMap((comparison) => [comparison.first, comparison.second]));
    expect(items.size).toBeLessThanOrEqual(AUDIT_PAPERS);
    // Both orders of each pair by each judge.
    const key = (first: string, second: string, judge: string) => `${first}|${second}|${judge}`;
    const seen = new Set(audit.map((comparison) => key(comparison.first, comparison.second, comparison.judge)));
    for (const comparison of audit)
      expect(seen.has(key(comparison.second, comparison.first, comparison.judge))).toBe(true);
    expect(new Set(audit.map((comparison) => comparison.judge)).size).toBe(config.judges.length);
  });
});
