import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type FakeServer, fakeScoredText, startFakeOpenAIServer } from "@judgelab/judges/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-run-cli-"));
const examples = resolve(import.meta.dirname, "../../examples");
const SENTINEL = "sk-test-SENTINEL-cli-77aa88bb99cc";
let server: FakeServer & { baseURL: string };

beforeAll(async () => {
  server = await startFakeOpenAIServer({ apiKey: SENTINEL, latencyMs: 1 });
  const items = Array.from({ length: 8 }, (_, index) => ({
    id: `p${index}`,
    text: fakeScoredText(index, `Paper ${index}.`),
  }));
  writeFileSync(join(root, "items.jsonl"), items.map((item) => `${JSON.stringify(item)}\n`).join(""));
  writeFileSync(
    join(root, "run.yaml"),
    `name: cli-test
seed: 3
runDir: out/run
items: { file: items.jsonl }
judges:
  - { id: gpt, provider: openai, model: gpt-4o-mini, baseURL: "${server.baseURL}" }
scheduler: { kind: round-robin }
limits: { openai: { concurrency: 4 } }
`,
  );
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe("judgelab run", () => {
  it("--dry-run estimates calls, tokens and cost without a key or a call", async () => {
    const run = await runCliForTest(["run", join(examples, "openai.yaml"), "--dry-run", "--json"], { cwd: root });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const { estimate } = JSON.parse(run.stdout);
    expect(estimate.matches).toBeGreaterThan(0);
    expect(estimate.calls).toBe(estimate.matches);
    expect(estimate.inputTokens).toBeGreaterThan(estimate.calls * 100);
    expect(estimate.costUsd).toBeGreaterThan(0);
    expect(estimate.modelsWithoutPrice).toEqual([]);
    // The worst case (what the hard budget reserves) bounds the estimate from above.
    expect(estimate.worstCaseUsd).toBeGreaterThan(estimate.costUsd);
    expect(estimate.judges[0].maxOutputTokens).toBe(400);
    const text = await runCliForTest(["run", join(examples, "openai.yaml"), "--dry-run"], { cwd: root });
    expect(text.stdout).toMatch(/estimated, worst case \$\d+\.\d\d/);
  });

  it("--dry-run prices Gemini Batch Mode at half the online price", async () => {
    const example = readFileSync(join(examples, "gemini.yaml"), "utf8").replace(
      "../../../datasets/demo-papers",
      join(examples, "../../../datasets/demo-papers"),
    );
    writeFileSync(join(root, "gemini-online.yaml"), example);
    writeFileSync(
      join(root, "gemini-batch.yaml"),
      example.replace("batch: { enabled: false", "batch: { enabled: true"),
    );
    const estimateOf = async (file: string) =>
      JSON.parse((await runCliForTest(["run", file, "--dry-run", "--json"], { cwd: root })).stdout).estimate;
    const online = await estimateOf("gemini-online.yaml");
    const batched = await estimateOf("gemini-batch.yaml");
    expect(batched.calls).toBe(online.calls);
    expect(batched.costUsd).toBeCloseTo(online.costUsd / 2, 12);
    expect(batched.judges[0].batch).toBe(true);
    const text = await runCliForTest(["run", "gemini-batch.yaml", "--dry-run"], { cwd: root });
    expect(text.stdout).toMatch(/gemini-2\.5-flash \(gemini-2\.5-flash\): .* estimated at the batch price, worst case/);
  });

  it("names the missing environment variable", async () => {
    const run = await runCliForTest(["run", "run.yaml"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/set the environment variable OPENAI_API_KEY/);
  });

  it("runs, refuses to overwrite, resumes from the cache without calls, and never writes the key", async () => {
    const env = { OPENAI_API_KEY: SENTINEL };
    const first = await runCliForTest(["run", "run.yaml", "--json"], { cwd: root, env });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ reason: "plan-exhausted", recorded: 28, failed: 0, pending: 0, calls: 28 });

    const again = await runCliForTest(["run", "run.yaml"], { cwd: root, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/pass --resume/);

    const requestsBefore = server.log.length;
    const resumed = await runCliForTest(["run", "run.yaml", "--resume"], { cwd: root, env });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/28\/28 comparisons recorded/);
    expect(server.log.length).toBe(requestsBefore);

    const runDir = join(root, "out", "run");
    expect(readdirSync(runDir).sort()).toEqual(["cache.jsonl", "dataset", "log.jsonl", "run.json"]);
    for (const file of ["cache.jsonl", "log.jsonl", "run.json"]) {
      expect(readFileSync(join(runDir, file), "utf8")).not.toContain(SENTINEL);
    }
    const datasetDir = join(runDir, "dataset");
    for (const file of readdirSync(datasetDir))
      expect(readFileSync(join(datasetDir, file), "utf8")).not.toContain(SENTINEL);
    expect(readFileSync(join(datasetDir, "comparisons.jsonl"), "utf8").trim().split("\n")).toHaveLength(28);
    const validated = await runCliForTest(["validate", datasetDir], { cwd: root });
    expect(validated.stdout).toMatch(/valid: 8 items, 1 judges, 28 comparisons/);
  });
});

describe("example configs", () => {
  for (const file of readdirSync(examples).filter((name) => name.endsWith(".yaml"))) {
    it(`${file} is valid and estimates without a key`, async () => {
      const run = await runCliForTest(["run", join(examples, file), "--dry-run", "--json"], { cwd: root });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).estimate.calls).toBeGreaterThan(0);
    });
  }
});

describe("a cache shared by two run folders", () => {
  it("lets a second run with the same judge and pairs make no call", async () => {
    const env = { OPENAI_API_KEY: SENTINEL };
    const base = readFileSync(join(root, "run.yaml"), "utf8").replace(
      "runDir: out/run",
      "cacheFile: shared/cache.jsonl",
    );
    writeFileSync(join(root, "first.yaml"), base.replace("name: cli-test", "name: first\nrunDir: out/first"));
    writeFileSync(join(root, "second.yaml"), base.replace("name: cli-test", "name: second\nrunDir: out/second"));
    const first = await runCliForTest(["run", "first.yaml", "--json"], { cwd: root, env });
    expect(JSON.parse(first.stdout)).toMatchObject({ recorded: 28, calls: 28, cacheHits: 0 });
    const requestsBefore = server.log.length;
    const second = await runCliForTest(["run", "second.yaml", "--json"], { cwd: root, env });
    expect(JSON.parse(second.stdout)).toMatchObject({ recorded: 28, calls: 0, cacheHits: 28 });
    expect(server.log.length).toBe(requestsBefore);
  });
});

/** Waits until `condition` holds, polling every 10 ms; fails after `timeoutMs`. */
async function waitFor(condition: () => boolean, what: string, detail = () => ""): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${detail()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The run log's records, by type. */
function logRecords(runDir: string): { type: string; kind?: string; ask?: number; final?: boolean }[] {
  return readFileSync(join(runDir, "log.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string; kind?: string });
}

/** A copy of run.yaml with its own name and run folder. */
function configNamed(name: string): string {
  const file = `${name}.yaml`;
  writeFileSync(
    join(root, file),
    readFileSync(join(root, "run.yaml"), "utf8")
      .replace("name: cli-test", `name: ${name}`)
      .replace("runDir: out/run", `runDir: out/${name}`),
  );
  return file;
}

describe("unparseable answers", () => {
  it("are asked again, then final invalid: recorded, counted, not retried, and the run exits 0", async () => {
    const file = configNamed("reasked");
    writeFileSync(join(root, file), readFileSync(join(root, file), "utf8").replace("concurrency: 4", "concurrency: 1"));
    // Concurrency 1: the first comparison's first ask and both re-asks get unparseable answers.
    server.faults.push({ kind: "unparseable" }, { kind: "unparseable" }, { kind: "unparseable" });
    const env = { OPENAI_API_KEY: SENTINEL };
    const run = await runCliForTest(["run", file, "--json"], { cwd: root, env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ recorded: 27, invalid: 1, failed: 0, pending: 0, calls: 30 });
    const failed = logRecords(join(root, "out", "reasked")).filter((record) => record.type === "failed");
    expect(failed.map((record) => [record.kind, record.ask ?? 0, record.final ?? false])).toEqual([
      ["unparseable", 0, false],
      ["unparseable", 1, false],
      ["unparseable", 2, true],
    ]);
    const resumed = await runCliForTest(["run", file, "--resume", "--json"], { cwd: root, env });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ invalid: 1, calls: 0, cacheHits: 0 });
  });
});

describe("Ctrl-C", () => {
  const env = { OPENAI_API_KEY: SENTINEL };
  const STALL = { kind: "delay", ms: 10_000 } as const;

  it("the second abandons in-flight calls: the command returns at once with a complete log, and --resume finishes", async () => {
    const file = configNamed("abandoned");
    // The first four calls (all of concurrency 4) stall for 10 s at the server.
    server.faults.push(STALL, STALL, STALL, STALL);
    const before = server.log.length;
    const stop = new AbortController();
    const abandon = new AbortController();
    const running = runCliForTest(["run", file], {
      cwd: root,
      env,
      signal: stop.signal,
      abandonSignal: abandon.signal,
    });
    await waitFor(() => server.log.length >= before + 4, "four calls in flight");
    stop.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.log.length).toBe(before + 4); // the first signal starts nothing new
    const abandonedAt = Date.now();
    abandon.abort();
    const run = await running;
    expect(Date.now() - abandonedAt).toBeLessThan(5000);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "interrupted (4 in-flight calls abandoned): run `judgelab run abandoned.yaml --resume` to call what is not decided yet",
    );
    const runDir = join(root, "out", "abandoned");
    const failed = logRecords(runDir).filter((record) => record.type === "failed");
    expect(failed.map((record) => record.kind)).toEqual(["aborted", "aborted", "aborted", "aborted"]);

    const resumed = await runCliForTest(["run", file, "--resume", "--json"], { cwd: root, env });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ recorded: 28, failed: 0, pending: 0, calls: 28 });
  });

  it("in a real process: the first stops scheduling, the second abandons, and the process exits with the log flushed", {
    timeout: 60_000,
  }, async () => {
    const file = configNamed("signalled");
    server.faults.push(STALL, STALL, STALL, STALL);
    const before = server.log.length;
    const main = resolve(import.meta.dirname, "../main.ts");
    // Started from the package (where tsx resolves); INIT_CWD is the user's directory, as under `pnpm judgelab`.
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", main, "run", file], {
      cwd: resolve(import.meta.dirname, "../.."),
      env: { PATH: process.env.PATH ?? "", INIT_CWD: root, OPENAI_API_KEY: SENTINEL },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    await waitFor(
      () => server.log.length >= before + 4,
      "four calls in flight",
      () => stderr,
    );
    child.kill("SIGINT");
    await waitFor(() => stderr.includes("Stopping"), "the first interrupt's message");
    child.kill("SIGINT");
    const abandonedAt = Date.now();
    const code = await exited;
    expect(Date.now() - abandonedAt).toBeLessThan(5000);
    expect(code).toBe(1);
    expect(stderr).toContain("Abandoning in-flight work");
    expect(stderr).toContain("interrupted (4 in-flight calls abandoned)");
    const runDir = join(root, "out", "signalled");
    const records = logRecords(runDir);
    expect(records.filter((record) => record.type === "failed").map((record) => record.kind)).toEqual([
      "aborted",
      "aborted",
      "aborted",
      "aborted",
    ]);
    expect(records.at(-1)).toMatchObject({ type: "stop", reason: "interrupted" });
    const resumed = await runCliForTest(["run", file, "--resume", "--json"], { cwd: root, env });
    expect(JSON.parse(resumed.stdout)).toMatchObject({ recorded: 28, failed: 0, pending: 0, calls: 28 });
  });
});
