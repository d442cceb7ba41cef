import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { MetricsDocument } from "@judgelab/analytics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const SAMPLE = resolve(import.meta.dirname, "../../../../datasets/kurate-export-sample");
const root = mkdtempSync(join(tmpdir(), "judgelab-kurate-e2e-"));
const dataset = join(root, "kurate");
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const imported = await runCliForTest(["import", "kurate", SAMPLE, "--out", dataset]);
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
});

describe("Kurate exports end to end (import → analyze --where → rate → report)", () => {
  it("analyze: agreement with the human majority, ties per the seed system's rule, and with --where", async () => {
    const all = await runCliForTest(["analyze", dataset, "--bootstrap", "50", "--json"]);
    expect(all.code).toBe(0);
    const document = JSON.parse(all.stdout) as MetricsDocument;
    const section = document.againstReference;
    if (section === undefined || !section.available || !section.pairReference.available) throw new Error("missing");
    const row = section.pairReference.rows[0]!;
    expect(row.who).toBe("ai-panel");
    expect(row.agreement.n).toBe(27);
    expect(row.referenceTies).toBe(3);
    // The three human ties count as disagreements (the AI never says tie in this export).
    expect(row.agreement.count).toBe(row.agreementOnDecided.count);

    const preferred = await runCliForTest([
      "analyze",
      dataset,
      "--bootstrap",
      "50",
      "--json",
      "--where",
      "human_has_preference=True",
    ]);
    expect(preferred.code).toBe(0);
    const filtered = JSON.parse(preferred.stdout) as MetricsDocument & { filter: string };
    expect(filtered.filter).toBe("human_has_preference=True (24 of 27 comparisons)");
    const section2 = filtered.againstReference;
    if (section2 === undefined || !section2.available || !section2.pairReference.available) throw new Error("missing");
    expect(section2.pairReference.rows[0]?.agreement).toMatchObject({ count: row.agreement.count, n: 24 });

    const bad = await runCliForTest(["analyze", dataset, "--where", "human_has_preference=maybe"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/values seen: true, false/);
  });

  it("rate prints titles beside ids, and honours --where on an item field", async () => {
    const rated = await runCliForTest([
      "rate",
      dataset,
      "--method",
      "trueskill",
      "--bootstrap",
      "0",
      "--where",
      "category=peerread_acl_2017",
    ]);
    expect(rated.code).toBe(0);
    expect(rated.stdout).toMatch(/^filter: category=peerread_acl_2017 \(both items\) \(10 of 27 comparisons\)/);
    expect(rated.stdout).toMatch(/title/);
    expect(rated.stdout).toMatch(/Dialogue State Tracking with Copying/);
  });

  it("report: an 'Against the reference' section in Markdown and HTML", async () => {
    const out = join(root, "report");
    const reported = await runCliForTest([
      "report",
      dataset,
      "--out",
      out,
      "--bootstrap",
      "50",
      "--no-png",
      "--pages",
      "3",
      "--json",
      "--where",
      "human_has_preference=true",
    ]);
    expect(reported.stderr).toBe("");
    expect(reported.code).toBe(0);
    const markdown = readFileSync(join(out, "report.md"), "utf8");
    expect(markdown).toContain("## Against the reference");
    expect(markdown).toMatch(/\| ai-panel \| \d+\.\d% \\\[/);
    expect(markdown).toContain("Comparisons kept: human\\_has\\_preference=true (24 of 27 comparisons).");
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<section id="against-reference">');
    expect(html).toContain("Agreement with the order of reviewer-mean");
    expect(JSON.parse(readFileSync(join(out, "run-metadata.json"), "utf8")).filter).toMatch(/24 of 27/);
  });
});

const jsonl = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

/** Papers with authors, abstract, decision; one paper never played; dated comparisons with rationales. */
function writePaperDataset(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name: "pages" }));
  const papers = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"].map((title, index) => ({
    id: `p${index}`,
    title: `${title} paper`,
    category: "cs.AI",
    metadata: {
      authors: [`Author ${index}`, "Co Author"],
      abstract: `Abstract of ${title}.`,
      decision: index % 2 ? "Reject" : "Accept (oral)",
    },
  }));
  papers.push({
    id: "new",
    title: "A paper nobody judged yet",
    category: "cs.AI",
    metadata: { authors: ["N. Ew"], abstract: "Fresh.", decision: "Accept" },
  });
  writeFileSync(join(dir, "items.jsonl"), jsonl(papers));
  writeFileSync(
    join(dir, "judges.jsonl"),
    jsonl([
      { id: "gemini-3", kind: "llm" },
      { id: "gpt-5.2", kind: "llm" },
    ]),
  );
  const comparisons = [];
  let id = 0;
  for (let i = 0; i < 5; i++)
    for (let j = i + 1; j < 5; j++)
      comparisons.push({
        id: `c${id++}`,
        first: `p${i}`,
        second: `p${j}`,
        order: "known",
        verdict: (i + j) % 4 === 0 ? "second" : "first",
        judge: id % 2 ? "gemini-3" : "gpt-5.2",
        createdAt: `2026-05-0${1 + (id % 5)}`,
        rationale: `Rationale number ${id}.`,
      });
  writeFileSync(join(dir, "comparisons.jsonl"), jsonl(comparisons));
  writeFileSync(
    join(dir, "assessments.jsonl"),
    jsonl([
      {
        item: "p0",
        judge: "gemini-3",
        scores: { overall: 7.2, significance: 7.5, rigor: 7, novelty: 7, clarity: 8 },
        scale: { min: 1, max: 10 },
      },
    ]),
  );
}

describe("--preset kurate", () => {
  it("rates with Python trueskill's default draw probability 0.10 and the title-hash tie-break; our default stays 0", async () => {
    const run = async (extra: string[]) => {
      const result = await runCliForTest(["rate", dataset, "--bootstrap", "0", "--json", ...extra]);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as {
        parameters: { drawProbability: number };
        items: { id: string; mu: number; categoryRank: string }[];
      };
    };
    const kurate = await run(["--preset", "kurate"]);
    const ours = await run(["--method", "trueskill"]);
    expect(kurate.parameters.drawProbability).toBe(0.1);
    expect(ours.parameters.drawProbability).toBe(0);
    const best = kurate.items[0]!;
    expect(best.mu).toBeGreaterThan(ours.items.find((item) => item.id === best.id)!.mu);
    // title-hash: every item in a category has its own rank.
    const ranks = kurate.items.map((item) => item.categoryRank);
    expect(new Set(ranks).size).toBe(ranks.length);
    const conflict = await runCliForTest(["rate", dataset, "--preset", "kurate", "--draw-probability", "0"]);
    expect(conflict.code).toBe(2);
  });
});

describe("item pages as the seed page", () => {
  it("an unplayed paper shows 1200±167 and its rank; authors, abstract, decision, assessments, history", async () => {
    const data = join(root, "pages-data");
    writePaperDataset(data);
    const out = join(root, "pages-report");
    const reported = await runCliForTest([
      "report",
      data,
      "--out",
      out,
      "--bootstrap",
      "20",
      "--no-png",
      "--pages",
      "1",
      "--page",
      "new",
      "--tiebreak",
      "title-hash",
      "--json",
    ]);
    expect(reported.stderr).toBe("");
    expect(reported.code).toBe(0);
    const pages = readdirSync(join(out, "items"));
    const read = (prefix: string) =>
      readFileSync(join(out, "items", pages.find((name) => name.startsWith(prefix))!), "utf8");
    const fresh = read("new-");
    expect(fresh).toContain("1200±167");
    expect(fresh).toMatch(/#\d of 6 · cs\.AI/);
    expect(fresh).not.toContain("n/a");
    expect(fresh).toContain("N. Ew");
    expect(fresh).toContain("Decision: <strong>Accept</strong>");
    expect(fresh).toContain("Fresh.");
    const best = pages.filter((name) => !name.startsWith("new-"));
    expect(best).toHaveLength(1);
    const page = readFileSync(join(out, "items", best[0]!), "utf8");
    expect(page).toMatch(/Author \d, Co Author/);
    expect(page).toMatch(/Rationale number \d+\./);
    expect(page).toMatch(/gemini-3|gpt-5\.2/);
    expect(page).toMatch(/May \d, 2026/);
  });
});
