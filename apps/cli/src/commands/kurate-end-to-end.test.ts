import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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
