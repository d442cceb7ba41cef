import { describe, expect, it } from "vitest";
import { sampleReportData } from "../test-support/sample-report-data.js";
import { describeFindings } from "./describe-findings.js";
import type { ReportData } from "./report-data.js";

describe("describeFindings", () => {
  const data = sampleReportData();
  const findings = describeFindings(data);

  it("summarises the dataset with the metrics' own counts and the judges by name", () => {
    const { dataset } = data.metrics;
    expect(findings.summary).toContain(`${dataset.items} ${data.itemNoun} in 2 categories`);
    expect(findings.summary).toContain(`compared pairwise ${dataset.comparisons} times by 3 judges`);
    expect(findings.summary).toContain("(gemini-3, gpt-5.2, claude-opus-4.6)");
    expect(findings.summary).toContain(`${dataset.bothOrderUnits} of ${dataset.units} item pairs`);
  });

  it("gives a reading for every section and the run's cost from the judges' usage", () => {
    expect(Object.keys(findings.readings).sort()).toEqual(
      ["agreement", "biases", "positionBias", "ratings", "run", "stability"].sort(),
    );
    const calls = data.judges.reduce((sum, judge) => sum + judge.comparisons, 0);
    expect(findings.readings.run).toMatch(new RegExp(`^${calls} judge calls, `));
    const withoutCost: ReportData = { ...data, judges: data.judges.map(({ costUsd: _, ...judge }) => judge) };
    expect(describeFindings(withoutCost).readings.run).toContain("no cost recorded");
  });

  it("warns first, and qualifies the ratings reading, when the comparisons form groups that never meet", () => {
    const split = describeFindings({ ...data, groups: { count: 3, byCategory: true } });
    expect(split.headlines[0]).toMatch(
      /^The comparisons form 3 separate groups that never meet \(exactly the categories/,
    );
    expect(split.readings.ratings).toContain("pooled across 3 groups that never met; within a category");
    expect(findings.headlines.some((line) => line.includes("separate groups"))).toBe(false);
  });

  it("says when other biases cannot be measured, and reports the pointwise–pairwise order when it can", () => {
    const none = { available: false, reason: "not measured" } as const;
    const metrics = { ...data.metrics, biases: none, coherence: none };
    expect(describeFindings({ ...data, metrics }).readings.biases).toBe(
      "The dataset records no lengths, model families or pointwise scores, so other biases cannot be measured.",
    );
    expect(findings.readings.biases).toMatch(/^pointwise–pairwise Kendall τ claude-opus-4\.6 /);
  });
});
