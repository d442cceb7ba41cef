import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRandomSource } from "@judgelab/ratings";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-rate-control-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (records: unknown[]) => records.map((record) => `${JSON.stringify(record)}\n`).join("");

/**
 * AlpacaEval/Arena shape: answers by 4 models to 40 prompts (items are answers with text and a producer); each
 * comparison is two answers to one prompt in random order. The verbose models are weaker but the judge likes
 * long answers with markdown. Every third model-c answer lacks the numeric "quality" field. With `repeated`, each
 * comparison is a match judged twice with the same verdict, by judge-a in one order and judge-b in the other.
 */
function writeAnswers(name: string, options: { repeated?: boolean } = {}): void {
  const random = createRandomSource(77);
  const models = ["terse-strong", "medium", "verbose-weak", "markdown-weak"];
  const strength = [0.6, 0.2, -0.3, -0.5];
  const words = [40, 80, 220, 150];
  const items: unknown[] = [];
  const length: number[][] = [];
  models.forEach((model, m) => {
    length.push([]);
    for (let prompt = 0; prompt < 40; prompt++) {
      const count = Math.max(5, Math.round(words[m]! * (0.6 + 0.8 * random.next())));
      // Markdown varies from answer to answer (more of it from the last model), so it is not a per-model constant.
      const rate = m === 3 ? 0.7 : 0.2;
      const header = random.next() < rate ? "## Answer\n\n" : "";
      const bullets = Array.from({ length: Math.floor(random.next() * (m === 3 ? 5 : 2)) }, (_, k) => `- point ${k}\n`);
      const bold = random.next() < rate ? "**Note** " : "";
      const markdown = `${header}${bullets.join("")}${bold}`;
      const text = `${markdown}${"word ".repeat(count)}`.trim();
      length[m]!.push(text.length);
      items.push({
        id: `p${prompt}/${model}`,
        producer: model,
        text,
        ...(m === 2 && prompt % 3 === 0 ? {} : { metadata: { quality: Math.round(random.next() * 10) } }),
      });
    }
  });
  const comparisons: unknown[] = [];
  for (let id = 0; id < 1600; id++) {
    const prompt = id % 40;
    const a = Math.floor(random.next() * 4);
    const b = (a + 1 + Math.floor(random.next() * 3)) % 4;
    const la = length[a]![prompt]!;
    const lb = length[b]![prompt]!;
    const eta = strength[a]! - strength[b]! + 1.5 * ((la - lb) / (la + lb + 1));
    const verdict = random.next() < 1 / (1 + Math.exp(-eta)) ? "first" : "second";
    if (options.repeated === true) {
      const [first, second] = [`p${prompt}/${models[a]}`, `p${prompt}/${models[b]}`];
      const swapped = verdict === "first" ? "second" : "first";
      comparisons.push(
        { id: `c${id}/a`, first, second, order: "known", verdict, judge: "judge-a", matchId: `m${id}` },
        {
          id: `c${id}/b`,
          first: second,
          second: first,
          order: "known",
          verdict: swapped,
          judge: "judge-b",
          matchId: `m${id}`,
        },
      );
      continue;
    }
    comparisons.push({
      id: `c${id}`,
      first: `p${prompt}/${models[a]}`,
      second: `p${prompt}/${models[b]}`,
      order: "known",
      verdict,
      judge: id % 2 === 0 ? "judge-a" : "judge-b",
    });
  }
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name }));
  writeFileSync(join(dir, "items.jsonl"), lines(items));
  writeFileSync(
    join(dir, "judges.jsonl"),
    lines([
      { id: "judge-a", kind: "llm" },
      { id: "judge-b", kind: "llm" },
    ]),
  );
  writeFileSync(join(dir, "comparisons.jsonl"), lines(comparisons));
}
writeAnswers("answers");
writeAnswers("answers-twice", { repeated: true });

/**
 * LLMBar shape: 60 instances, each a pair of outputs (items) compared only with each other, by 30 judges in both
 * orders (one match per instance and judge). Judge j prefers the first position by δ_j = −1 + 2j/29.
 */
function writeInstancePairs(name: string): void {
  const random = createRandomSource(31);
  const items: unknown[] = [];
  const comparisons: unknown[] = [];
  const judges = Array.from({ length: 30 }, (_, j) => ({ id: `judge-${String(j).padStart(2, "0")}`, kind: "llm" }));
  for (let instance = 0; instance < 60; instance++) {
    const better = `i${instance}/output_1`;
    const worse = `i${instance}/output_2`;
    items.push({ id: better, text: "a".repeat(100 + instance) }, { id: worse, text: "b".repeat(300 - instance) });
    judges.forEach((judge, j) => {
      const delta = -1 + (2 * j) / 29;
      for (const [first, second, sign] of [
        [better, worse, 1],
        [worse, better, -1],
      ] as const) {
        const p = 1 / (1 + Math.exp(-(sign * 0.8 + delta)));
        comparisons.push({
          id: `${instance}/${judge.id}/${sign}`,
          first,
          second,
          order: "known",
          verdict: random.next() < p ? "first" : "second",
          judge: judge.id,
          matchId: `${instance}/${judge.id}`,
        });
      }
    });
  }
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name }));
  writeFileSync(join(dir, "items.jsonl"), lines(items));
  writeFileSync(join(dir, "judges.jsonl"), lines(judges));
  writeFileSync(join(dir, "comparisons.jsonl"), lines(comparisons));
}
writeInstancePairs("instance-pairs");

interface ControlReport {
  items: { id: string; rank: number; uncontrolledRank: number; rankShift: number; ciLower: number }[];
  control: { covariates: { name: string; value: number; ciLower: number; ciUpper: number; kind: string }[] };
  intervals: string;
}

describe("judgelab rate --control (style control)", () => {
  it("rates producers under length and markdown control, with coefficients, intervals and rank shifts", async () => {
    const args = ["rate", "answers", "--method", "bt", "--group", "producer", "--control", "length,markdown"];
    const run = await runCliForTest([...args, "--bootstrap", "50", "--seed", "4", "--json"], { cwd: root });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ControlReport;
    expect(report.control.covariates.map((covariate) => covariate.name)).toEqual([
      "length",
      "headers",
      "bold",
      "lists",
    ]);
    const length = report.control.covariates[0]!;
    expect(length.kind).toBe("ratio");
    expect(length.ciLower).toBeGreaterThan(0);
    // Controlled for length, the terse strong model ranks first; the plain fit put a verbose model above it.
    expect(report.items[0]!.id).toBe("terse-strong");
    const byId = new Map(report.items.map((item) => [item.id, item]));
    expect(byId.get("terse-strong")!.rankShift).toBeGreaterThan(0);
    expect(byId.get("verbose-weak")!.uncontrolledRank).toBe(1);
    expect(byId.get("verbose-weak")!.rankShift).toBeLessThan(0);
    const table = await runCliForTest([...args, "--bootstrap", "0"], { cwd: root });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /style control \(95% Wald intervals from the Fisher information \(not cluster-robust\)\): length γ = /,
    );
    expect(table.stdout).toMatch(/uncontrolled\s+shift/);
  });

  it("--cluster: the bootstrap resamples whole matches (the default when a match is judged twice) and says so", async () => {
    const args = ["rate", "answers-twice", "--method", "bt", "--group", "producer", "--control", "length,markdown"];
    const run = await runCliForTest([...args, "--cluster", "match", "--bootstrap", "60", "--seed", "2"], {
      cwd: root,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^intervals: 95% percentile intervals over 60 bootstrap rounds resampling the 1600 matches whole \(up to 2 judgments each\)/,
      ),
    );
    const clustering = lines.find((line) => line.startsWith("clustering: "));
    expect(clustering).toMatch(
      /^clustering: match \(1600 clusters, up to 2 comparisons each\); design effect \d\.\d\d×/,
    );
    // Both judgments of a match are the same verdict: resampled one by one they look like twice the evidence.
    const designEffect = Number(/design effect (\d\.\d\d)×/.exec(clustering!)![1]);
    expect(designEffect).toBeGreaterThan(1.2);
    expect(designEffect).toBeLessThan(1.7);
    expect(run.stdout).toMatch(
      /style control \(95% percentile intervals over 60 bootstrap rounds resampling the 1600 matches/,
    );
    // auto picks the matches too; none resamples the 3200 comparisons one by one.
    const auto = await runCliForTest([...args, "--bootstrap", "60", "--seed", "2", "--json"], { cwd: root });
    expect(auto.code).toBe(0);
    const report = JSON.parse(auto.stdout) as { intervalMethod: string; clustering: { by: string; clusters: number } };
    expect(report.intervalMethod).toBe("bootstrap");
    expect(report.clustering).toMatchObject({ by: "match", clusters: 1600 });
    const none = await runCliForTest([...args, "--cluster", "none", "--bootstrap", "60"], { cwd: root });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^clustering: comparison \(3200 comparisons, each alone\)$/m);
    const ties = await runCliForTest(
      ["rate", "answers-twice", "--method", "bt", "--group", "producer", "--ties", "rao-kupper", "--bootstrap", "20"],
      { cwd: root },
    );
    // The simulated verdicts have no ties: Rao–Kupper is refused, whatever the clustering.
    expect(ties.code).toBe(2);
    // Without match codes, --cluster match is a usage error naming the flag.
    const noMatches = await runCliForTest(
      ["rate", "answers", "--method", "bt", "--group", "producer", "--control", "length", "--cluster", "match"],
      { cwd: root },
    );
    expect(noMatches.code).toBe(2);
    expect(noMatches.stderr).toContain("--cluster match: clustering by match needs match codes");
  });

  it("exits 2 naming the items without a covariate, unless --control-missing zero", async () => {
    const base = ["rate", "answers", "--method", "bt", "--group", "producer", "--bootstrap", "0"];
    const missing = await runCliForTest([...base, "--control", "quality"], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      '--control quality: 14 compared items have no numeric "quality" field: p0/verbose-weak, p3/verbose-weak',
    );
    expect(missing.stderr).toContain("--control-missing zero");
    const zero = await runCliForTest([...base, "--control", "quality", "--control-missing", "zero", "--json"], {
      cwd: root,
    });
    expect(zero.code).toBe(0);
    expect(JSON.parse(zero.stdout).control.covariates[0].kind).toBe("difference");
  });

  it("exits 2 naming a covariate that the item strengths absorb or that never varies", async () => {
    // Without --group the items are the answers themselves: a fixed field's difference is absorbed by θ.
    const aliased = await runCliForTest(
      [
        "rate",
        "answers",
        "--method",
        "bt",
        "--prior",
        "0.1",
        "--bootstrap",
        "0",
        "--control",
        "quality",
        "--control-missing",
        "zero",
      ],
      { cwd: root },
    );
    expect(aliased.code).toBe(2);
    expect(aliased.stderr).toContain('the covariate "quality" cannot be separated from the ratings');
    // Answers rated one by one: each has one length, so the run warns that the effect is weakly identified.
    const single = await runCliForTest(
      ["rate", "answers", "--method", "bt", "--prior", "0.1", "--bootstrap", "0", "--control", "length", "--top", "2"],
      { cwd: root },
    );
    expect(single.code).toBe(0);
    expect(single.stdout).toContain("warning: each rated item has a single value of every style covariate");
    const constant = await runCliForTest(
      [
        "rate",
        "answers",
        "--method",
        "bt",
        "--group",
        "producer",
        "--bootstrap",
        "0",
        "--control",
        "nothing",
        "--control-missing",
        "zero",
      ],
      { cwd: root },
    );
    expect(constant.code).toBe(2);
    expect(constant.stderr).toContain('the covariate "nothing" is the same on both sides of every comparison');
  });

  it("--ties rao-kupper and --judge-aware --order-effect report κ and per-judge position effects", async () => {
    const aware = await runCliForTest(
      [
        "rate",
        "answers",
        "--method",
        "bt",
        "--group",
        "producer",
        "--judge-aware",
        "--order-effect",
        "--bootstrap",
        "0",
      ],
      { cwd: root },
    );
    expect(aware.stderr).toBe("");
    expect(aware.code).toBe(0);
    expect(aware.stdout).toMatch(
      /judge position effect δ \(log-odds for the first position, 95% interval\): judge-a -?\d\.\d{3} \(/,
    );
    const usage = await runCliForTest(["rate", "answers", "--method", "bt", "--ties", "rao-kupper"], { cwd: root });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Rao–Kupper ties need at least one tie");
  });

  it("judgelab report --control shows the style-controlled and the judge-bias-corrected leaderboards", async () => {
    /** `judgelab report DATASET` with length control of the producers; returns the exit code and report.md. */
    const report = async (dataset: string) => {
      const out = join(root, `report-${dataset}`);
      const args = ["--out", out, "--bootstrap", "20", "--pages", "0", "--no-png", "--control", "length"];
      const run = await runCliForTest(["report", dataset, ...args, "--group", "producer"], { cwd: root });
      return { code: run.code, out, markdown: run.code === 0 ? readFileSync(join(out, "report.md"), "utf8") : "" };
    };
    const { code, out, markdown } = await report("answers");
    expect(code).toBe(0);
    expect(markdown).toContain("## Ratings controlled for style");
    expect(markdown).toMatch(/\| length \| ratio \| \d\.\d{3} \\\[/);
    expect(markdown).toContain(
      "| plain rank | plain BT rating | controlled rank | title | controlled rating \\[95% CI\\] | shift |",
    );
    expect(markdown).toContain("| 3 | 1000 | 1 | terse-strong |");
    expect(markdown).toContain("## Ratings corrected for judge bias");
    expect(markdown).toMatch(/\| judge-a \| \d\.\d{3} \(\d\.\d{3}\) \| -?\d\.\d{3} \\\[/);
    // One judgment per match: the boards' Wald intervals say they are not cluster-robust and why that is harmless.
    expect(markdown).toContain(
      "95% Wald intervals from the Fisher information, not cluster-robust (every match holds one judgment",
    );
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<section id="style-control">');
    expect(html).toContain('<section id="judge-bias">');
    // Each match judged twice: the sections say the Wald intervals are too narrow, naming the matches.
    const twice = await report("answers-twice");
    expect(twice.code).toBe(0);
    const twiceMarkdown = twice.markdown;
    const note =
      "not cluster-robust: they treat the comparisons as independent although the 1600 matches hold up to 2 judgments each, so they are too narrow";
    expect(twiceMarkdown.split(note).length - 1).toBe(2);
  });

  it("LLMBar shape (instance pairs, 30 judges, both orders): per-judge position effects; length is aliased", async () => {
    const aware = await runCliForTest(
      [
        "rate",
        "instance-pairs",
        "--method",
        "bt",
        "--judge-aware",
        "--order-effect",
        "--prior",
        "0.01",
        "--bootstrap",
        "0",
        "--json",
      ],
      { cwd: root },
    );
    expect(aware.stderr).toBe("");
    expect(aware.code).toBe(0);
    const report = JSON.parse(aware.stdout) as {
      converged: boolean;
      judges: { id: string; positionEffect: { value: number; ciLower: number; ciUpper: number } }[];
    };
    expect(report.converged).toBe(true);
    expect(report.judges).toHaveLength(30);
    const truth = report.judges.map((_, j) => -1 + (2 * j) / 29);
    const estimate = report.judges.map((judge) => judge.positionEffect.value);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const [mt, me] = [mean(truth), mean(estimate)];
    let [sxy, sxx, syy] = [0, 0, 0];
    truth.forEach((t, j) => {
      sxy += (t - mt) * (estimate[j]! - me);
      sxx += (t - mt) ** 2;
      syy += (estimate[j]! - me) ** 2;
    });
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.9);
    // 60 verdicts per judge and order: the extreme judges' intervals exclude 0.
    expect(report.judges[0]!.positionEffect.ciUpper).toBeLessThan(0);
    expect(report.judges[29]!.positionEffect.ciLower).toBeGreaterThan(0);
    // Each instance's two outputs meet only each other: a length ratio is then a per-pair constant that the
    // two strengths absorb, whatever the prior.
    const style = await runCliForTest(
      ["rate", "instance-pairs", "--method", "bt", "--prior", "0.01", "--bootstrap", "0", "--control", "length"],
      { cwd: root },
    );
    expect(style.code).toBe(2);
    expect(style.stderr).toContain('the covariate "length" cannot be separated from the ratings');
  });
});
