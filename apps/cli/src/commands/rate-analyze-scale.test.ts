import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetricsDocument } from "@judgelab/analytics";
import { createRandomSource, rankByScore } from "@judgelab/ratings";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-scale-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const itemCount = 3000;
const comparisonCount = (itemCount * 45) / 2;
const judges = ["gemini-3", "gpt-5.2", "claude-opus-4.6"];

/**
 * A seed-system-sized tournament: 3,000 papers with latent strengths ~ N(0, 1), ~45 comparisons each between
 * random pairs, one judge per match in rotation, random presentation order, no ties (Bradley–Terry verdicts).
 */
function writeLargeTournament(): number[] {
  const random = createRandomSource(2292);
  const strength = Array.from({ length: itemCount }, () => {
    const u = 1 - random.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
  });
  const comparisons: string[] = [];
  for (let id = 0; id < comparisonCount; id++) {
    const a = Math.floor(random.next() * itemCount);
    let b = Math.floor(random.next() * (itemCount - 1));
    if (b >= a) b++;
    const p = 1 / (1 + Math.exp(-(strength[a]! - strength[b]!)));
    const verdict = random.next() < p ? "first" : "second";
    const createdAt = new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString();
    comparisons.push(
      `${JSON.stringify({ id: `c${id}`, first: `p${a}`, second: `p${b}`, order: "known", verdict, judge: judges[id % 3], matchId: `m${id}`, createdAt })}\n`,
    );
  }
  const dir = join(root, "papers");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name: "papers" }));
  writeFileSync(
    join(dir, "items.jsonl"),
    strength.map((_, index) => `${JSON.stringify({ id: `p${index}`, category: "cs.LG" })}\n`).join(""),
  );
  writeFileSync(join(dir, "judges.jsonl"), judges.map((id) => `${JSON.stringify({ id, kind: "llm" })}\n`).join(""));
  writeFileSync(join(dir, "comparisons.jsonl"), comparisons.join(""));
  return strength;
}
const strength = writeLargeTournament();

function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = rankByScore(a);
  const rb = rankByScore(b);
  let sum = 0;
  for (let i = 0; i < ra.length; i++) sum += (ra[i]! - rb[i]!) ** 2;
  return 1 - (6 * sum) / (ra.length * (ra.length ** 2 - 1));
}

describe("judgelab rate and analyze at the seed system's scale (3,000 items, sparse Bradley–Terry)", () => {
  it("rate --method bt --json rates every item and recovers the latent order (Spearman > 0.9)", async () => {
    // At ~45 comparisons some strong paper wins all its matches (no finite MLE): a weak prior keeps it finite.
    const run = await runCliForTest(
      ["rate", "papers", "--method", "bt", "--prior", "0.01", "--bootstrap", "20", "--seed", "1", "--json"],
      { cwd: root },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      items: { id: string; rating: number; ciLower: number; ciUpper: number }[];
      parameters: { solver: string };
      converged: boolean;
    };
    expect(report.items).toHaveLength(itemCount);
    expect(report.parameters.solver).toContain("sparse");
    expect(report.converged).toBe(true);
    const rating = new Float64Array(itemCount);
    for (const item of report.items) {
      rating[Number(item.id.slice(1))] = item.rating;
      expect(item.ciLower).toBeLessThan(item.ciUpper);
    }
    expect(spearman(rating, strength)).toBeGreaterThan(0.9);
  });

  it("analyze --json has the stability section with per-judge boards, split-half and convergence", async () => {
    const run = await runCliForTest(["analyze", "papers", "--bootstrap", "10", "--seed", "1", "--json"], { cwd: root });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as MetricsDocument;
    const stability = document.stability;
    if (!stability.available) throw new Error(`stability unavailable: ${stability.reason}`);
    expect(stability.pooled.items).toBe(itemCount);
    expect(stability.perJudge).toHaveLength(3);
    expect(stability.splitHalf.available).toBe(true);
    expect(stability.convergence.available).toBe(true);
    expect(stability.leaveOneJudgeOut.available).toBe(true);
  });
});
