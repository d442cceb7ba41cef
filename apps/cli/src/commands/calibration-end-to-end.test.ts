import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetricsDocument } from "@judgelab/analytics";
import { type FakeServer, fakeScoredText, startFakeOpenAIServer } from "@judgelab/judges/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-calibration-cli-"));
const KEY = "sk-test-calibration-0123456789";
let server: FakeServer & { baseURL: string };
const lines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

beforeAll(async () => {
  server = await startFakeOpenAIServer({ apiKey: KEY, latencyMs: 1 });
  // Scores 0, 0.5, …, 2.5: the fake judge names the higher score and gives it probability σ(score gap).
  const items = Array.from({ length: 6 }, (_, index) => ({
    id: `p${index}`,
    text: fakeScoredText(index / 2, `Paper ${index}.`),
  }));
  writeFileSync(join(root, "items.jsonl"), lines(items));
  writeFileSync(
    join(root, "run.yaml"),
    `name: calibration
seed: 3
runDir: out/run
items: { file: items.jsonl }
judges:
  - { id: gpt, provider: openai, model: gpt-4o-mini, baseURL: "${server.baseURL}", topLogprobs: 5 }
scheduler: { kind: round-robin }
`,
  );
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe("calibration end to end: run with logprobs → analyze → report", () => {
  const dataset = join(root, "out", "run", "dataset");

  it("a run with topLogprobs records each verdict's confidence, verdict logprobs and preference", async () => {
    const run = await runCliForTest(["run", "run.yaml", "--json"], { cwd: root, env: { OPENAI_API_KEY: KEY } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const body = server.log.at(-1)?.body as Record<string, unknown>;
    expect(body).toMatchObject({ logprobs: true, top_logprobs: 5 });
    const comparisons = readFileSync(join(dataset, "comparisons.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { confidence?: number; preference?: number; verdictLogprobs?: object });
    expect(comparisons).toHaveLength(15);
    for (const comparison of comparisons) {
      expect(comparison.confidence).toBeGreaterThan(0.5);
      expect(comparison.preference).toBeGreaterThanOrEqual(0);
      expect(Object.keys(comparison.verdictLogprobs ?? {})).toEqual(["first", "second"]);
    }
    expect((await runCliForTest(["validate", dataset], { cwd: root })).code).toBe(0);
    // Per-item reference scores (the latent ones) to check the confidences against.
    writeFileSync(
      join(root, "references.jsonl"),
      lines(
        Array.from({ length: 6 }, (_, index) => ({
          kind: "item",
          item: `p${index}`,
          name: "latent score",
          score: index / 2,
        })),
      ),
    );
  });

  it("analyze --json has a calibration section: the fake judge is always right, so it is underconfident", async () => {
    const run = await runCliForTest(
      ["analyze", dataset, "--json", "--bootstrap", "200", "--reference", "references.jsonl"],
      { cwd: root },
    );
    expect(run.code).toBe(0);
    const metrics = JSON.parse(run.stdout) as MetricsDocument;
    const section = metrics.calibration;
    if (section?.available !== true) throw new Error(`no calibration: ${JSON.stringify(section)}`);
    expect(section.against).toBe("order of latent score");
    const row = section.perJudge[0]!;
    expect(row).toMatchObject({ judge: "gpt", verdicts: 15, units: 15 });
    expect(row.accuracy.value).toBe(1);
    // Mean of σ(|gap|) over the 15 pairs of scores k/2: each verdict is right, so ECE = 1 − mean confidence.
    let sum = 0;
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) sum += 1 / (1 + Math.exp(-(j - i) / 2));
    expect(row.meanConfidence.value).toBeCloseTo(sum / 15, 10);
    expect(row.ece.value).toBeCloseTo(1 - sum / 15, 10);
    expect(row.overconfidence.ci!.upper).toBeLessThan(0);
    const text = await runCliForTest(["analyze", dataset, "--bootstrap", "50", "--reference", "references.jsonl"], {
      cwd: root,
    });
    expect(text.stdout).toMatch(/\nCalibration against order of latent score \(/);
    expect(text.stdout).toMatch(/\ngpt +15 +0\.\d{3} +1\.000 +-0\.\d{3} \[/);
  });

  it("report has the Calibration section with its reliability diagram; rate --weighted uses the preferences", async () => {
    writeFileSync(join(dataset, "references.jsonl"), readFileSync(join(root, "references.jsonl")));
    const report = await runCliForTest(["report", dataset, "--out", "report", "--bootstrap", "40", "--json"], {
      cwd: root,
    });
    expect(report.stderr).toBe("");
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).charts).toContain("reliability-diagram");
    expect(readFileSync(join(root, "report", "report.md"), "utf8")).toContain("## Calibration");
    const rated = await runCliForTest(
      ["rate", dataset, "--method", "bt", "--weighted", "--bootstrap", "20", "--json"],
      {
        cwd: root,
      },
    );
    expect(rated.code).toBe(0);
    expect(JSON.parse(rated.stdout).parameters.preference).toMatch(/^weighted: 15 comparisons/);
    const refused = await runCliForTest(["rate", dataset, "--method", "elo", "--weighted"], { cwd: root });
    expect(refused.code).toBe(2);
  });

  it("a confidence outside [0, 1] or a positive logprob is a validation error naming file, line and field", async () => {
    const bad = join(root, "bad.jsonl");
    const base = { first: "a", second: "b", order: "known", verdict: "first", judge: "j" };
    writeFileSync(
      bad,
      lines([
        { ...base, id: "c1", confidence: 0.7 },
        { ...base, id: "c2", confidence: -0.2 },
        { ...base, id: "c3", verdictLogprobs: { first: 0.4 } },
      ]),
    );
    const run = await runCliForTest(["validate", "bad.jsonl"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stdout.trimEnd().split("\n")).toEqual([
      "bad.jsonl:2: confidence: must be >= 0, got -0.2",
      "bad.jsonl:3: verdictLogprobs.first: must be <= 0, got 0.4",
    ]);
  });
});
