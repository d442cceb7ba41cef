import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-simulate-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const examples = resolve(import.meta.dirname, "../../examples");

describe("judgelab simulate", () => {
  it("writes a dataset from the example config and prints a JSON summary", async () => {
    const run = await runCliForTest(["simulate", join(examples, "simulated.yaml"), "--out", "sim", "--json"], {
      cwd: root,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ items: 120, judges: 3 });
    // plan-exhausted when an undefeated paper of a small category has met every opponent before the hard cap.
    expect(["converged", "plan-exhausted"]).toContain(summary.reason);
    expect(summary.comparisons).toBeGreaterThan(120);
    const written = readFileSync(join(root, "sim", "comparisons.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(written).toHaveLength(summary.comparisons);
  });

  it("runs the target scheduler example end to end: it stops when the precision target is met", async () => {
    const run = await runCliForTest(
      ["simulate", join(examples, "simulated-target.yaml"), "--out", "sim-target", "--json"],
      { cwd: root },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ items: 60, judges: 1, reason: "converged" });
    // Fewer comparisons than every pair once (1,770) and than the budget (1,500) of the example.
    expect(summary.comparisons).toBeGreaterThan(60);
    expect(summary.comparisons).toBeLessThan(1500);
  });

  it("reports config problems with file, line and field, exit 2", async () => {
    writeFileSync(
      join(root, "bad.yaml"),
      "seed: 1\nitems: { synthetic: { count: 10 } }\njudges:\n  - { id: a, provider: simulatd, model: m }\n",
    );
    const run = await runCliForTest(["simulate", "bad.yaml", "--out", "x"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.yaml:4: judges\.0\.provider: /);
  });

  it("refuses judges that are not simulated", async () => {
    writeFileSync(
      join(root, "real.yaml"),
      "items: { synthetic: { count: 10 } }\njudges:\n  - { id: a, provider: openai, model: gpt-4o, apiKeyEnv: OPENAI_API_KEY }\n",
    );
    const run = await runCliForTest(["simulate", "real.yaml", "--out", "x"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"a" are not simulated/);
  });

  it("asks for latent qualities when the items have none", async () => {
    writeFileSync(join(root, "plain.jsonl"), '{"id":"a","text":"A"}\n{"id":"b","text":"B"}\n');
    writeFileSync(
      join(root, "plain.yaml"),
      "items: { file: plain.jsonl }\njudges:\n  - { id: s, provider: simulated, model: m }\n",
    );
    const run = await runCliForTest(["simulate", "plain.yaml", "--out", "x"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/2 items have no numeric metadata\.quality/);
  });

  it("refuses a non-empty --out folder unless --force, as import does", async () => {
    const first = await runCliForTest(["simulate", join(examples, "simulated.yaml"), "--out", "twice"], { cwd: root });
    expect(first.code).toBe(0);
    const again = await runCliForTest(["simulate", join(examples, "simulated.yaml"), "--out", "twice"], { cwd: root });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("the output folder is not empty; choose a new folder or pass --force");
    const forced = await runCliForTest(["simulate", join(examples, "simulated.yaml"), "--out", "twice", "--force"], {
      cwd: root,
    });
    expect(forced.code).toBe(0);
  });

  it("requires --out", async () => {
    const run = await runCliForTest(["simulate", "x.yaml"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--out/);
  });
});
