/**
 * The chaos test (issue 14): `judgelab run` against local fake providers with injected faults, treated the way a
 * hostile user and a hostile machine would. One script, each scene on its own run folder:
 * - a run killed with SIGKILL at random moments (≥ 5 times) and resumed until it finishes, while a second runner
 *   tries the same folder;
 * - a judge whose key the provider rejects (HTTP 401);
 * - a run folder deleted while the run works;
 * - a tiny budget at concurrency 32 + 32 over two providers.
 * Asserts: nothing lost or duplicated, no cached response paid again, spend ≤ cap, the second runner refused, the
 * 401 run sends ≤ concurrency requests and exits 2, and no key in any file written. Kept under 3 minutes for CI.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { paperImpactTemplate } from "@judgelab/judges";
import {
  type FakeFault,
  fakeScoredText,
  startFakeAnthropicServer,
  startFakeOpenAIServer,
} from "@judgelab/judges/test-support";
import {
  createJudges,
  prepareTournamentItems,
  type RunLogRecord,
  RunState,
  readRunFolder,
  responseCacheKey,
  seededRandom,
  tournamentConfigSchema,
} from "@judgelab/tournament";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "./test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-chaos-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const KEY = "sk-test-CHAOS-SENTINEL-5e6f7a8b9c0d";
const WRONG_KEY = "sk-test-CHAOS-WRONG-1a2b3c4d5e6f";
const ITEMS = Array.from({ length: 12 }, (_, index) => ({
  id: `p${index}`,
  text: fakeScoredText(index, `Paper ${index}.`),
}));
writeFileSync(join(root, "items.jsonl"), ITEMS.map((item) => `${JSON.stringify(item)}\n`).join(""));
const main = resolve(import.meta.dirname, "main.ts");

function config(name: string, body: string): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\nseed: 7\nrunDir: runs/${name}\nitems: { file: items.jsonl }\n${body}`);
  return file;
}

/** The run log's records (a torn last line, left by a kill, is ignored). */
function logOf(runDir: string): RunLogRecord[] {
  return readRunFolder(runDir).records;
}

function cacheKeys(runDir: string): Set<string> {
  const path = join(runDir, "cache.jsonl");
  if (!existsSync(path)) return new Set();
  const text = readFileSync(path, "utf8");
  const keys = new Set<string>();
  for (const line of text.slice(0, text.lastIndexOf("\n") + 1).split("\n")) {
    if (line !== "") keys.add((JSON.parse(line) as { key: string }).key);
  }
  return keys;
}

function size(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** `judgelab run` in a child process (so it can be SIGKILLed), from the CLI package with the user's cwd. */
function spawnRun(file: string, env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", main, "run", file, "--resume"], {
    cwd: resolve(import.meta.dirname, ".."),
    env: { PATH: process.env.PATH ?? "", INIT_CWD: root, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  Object.defineProperty(child, "stderrText", { get: () => stderr });
  return { child, exited };
}

const stderrOf = (child: ChildProcess): string => (child as unknown as { stderrText: string }).stderrText;

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** A seeded mix of transport faults (about 20% of requests); retried by the runner. */
function faultFor(index: number): FakeFault | undefined {
  const u = seededRandom(5, "chaos-fault", index).next();
  if (u < 0.06) return { kind: "status", status: 429, retryAfterMs: 10 };
  if (u < 0.12) return { kind: "status", status: 500 };
  if (u < 0.16) return { kind: "drop" };
  if (u < 0.2) return { kind: "malformed-json" };
  return undefined;
}

describe("chaos: judgelab run under kills, a second runner, a rejected key, a deleted folder and a tiny budget", () => {
  it("loses, duplicates and repays nothing, never overspends, refuses what it must, and writes no key", {
    timeout: 170_000,
  }, async () => {
    const server = await startFakeOpenAIServer({
      apiKey: KEY,
      latencyMs: 40,
      faultPolicy: ({ index }) => faultFor(index),
    });
    const anthropic = await startFakeAnthropicServer({ apiKey: KEY, latencyMs: 25 });
    const env = { CHAOS_KEY: KEY, CHAOS_WRONG_KEY: WRONG_KEY };
    const started = Date.now();
    const seconds: string[] = [];
    const lap = (scene: string) => seconds.push(`${scene} ${((Date.now() - started) / 1000).toFixed(1)}s`);
    try {
      // 1. Kills and a second runner. 66 comparisons, round robin, concurrency 4.
      const killed = config(
        "killed",
        `judges:\n  - { id: gpt, provider: openai, model: gpt-4o-mini, baseURL: "${server.baseURL}", apiKeyEnv: CHAOS_KEY }\n` +
          "scheduler: { kind: round-robin }\nlimits: { openai: { concurrency: 4 } }\n" +
          "retries: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40 }\n",
      );
      const runDir = join(root, "runs", "killed");
      const parsed = tournamentConfigSchema.parse({
        items: { inline: ITEMS },
        judges: [{ id: "gpt", provider: "openai", model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: "K" }],
      });
      const items = prepareTournamentItems(ITEMS, { byCategory: true });
      const [judge] = await createJudges({
        config: parsed,
        items: items.judgeItems,
        apiKeyOf: () => KEY,
        baseDir: root,
      });
      const description = judge!.describe();
      const keyOfRequest = (body: unknown): string => {
        const prompt = (body as { messages: { content: string }[] }).messages
          .map((message) => message.content)
          .join("\n");
        const [first, second] = [...prompt.matchAll(/score=(\d+)/g)].map((match) => Number(match[1]));
        return responseCacheKey({
          judge: description,
          templateHash: paperImpactTemplate.hash,
          firstHash: items.contentHashes[first!]!,
          secondHash: items.contentHashes[second!]!,
          repetition: 0,
          request: {},
        });
      };
      const random = seededRandom(21, "chaos-kills");
      let kills = 0;
      let repaid = 0;
      let secondRunnerRefused = "";
      let finished = false;
      for (let attempt = 0; attempt < 25 && !finished; attempt++) {
        const cached = cacheKeys(runDir);
        const before = server.log.length;
        const logBefore = size(join(runDir, "log.jsonl"));
        const { child, exited } = spawnRun(killed, env);
        if (kills < 5) {
          // Kill at a random moment once this child has logged something (mid-round, between cache and log).
          await Promise.race([waitFor(() => size(join(runDir, "log.jsonl")) > logBefore, "progress"), exited]);
          if (secondRunnerRefused === "" && child.exitCode === null) {
            const second = await runCliForTest(["run", killed, "--resume"], { cwd: root, env });
            expect(second.code).toBe(2);
            secondRunnerRefused = second.stderr;
          }
          await new Promise((done) => setTimeout(done, random.next() * 60));
          child.kill("SIGKILL");
        }
        const code = await exited;
        if (code === 0) finished = true;
        else if (code === null) kills++;
        else throw new Error(`run exited ${code}: ${stderrOf(child)}`);
        for (const entry of server.log.slice(before)) {
          if (entry.path.endsWith("/chat/completions") && cached.has(keyOfRequest(entry.body))) repaid++;
        }
      }
      expect(finished).toBe(true);
      expect(kills).toBeGreaterThanOrEqual(5);
      expect(secondRunnerRefused).toMatch(
        new RegExp(
          `is in use by another runner: process \\d+ on host ${hostname().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
        ),
      );
      expect(repaid).toBe(0);
      const records = logOf(runDir);
      const state = RunState.fromRecords(records);
      expect(state.problems).toEqual([]);
      const planned = state.rounds.flat();
      expect(planned).toHaveLength(66);
      expect(state.recorded.size + state.invalid.size).toBe(66); // 0 lost
      const recordedIds = records.filter((record) => record.type === "recorded").map((record) => record.id);
      expect(new Set(recordedIds).size).toBe(recordedIds.length); // 0 duplicated
      const dataset = readFileSync(join(runDir, "dataset", "comparisons.jsonl"), "utf8")
        .trim()
        .split("\n");
      expect(dataset).toHaveLength(66);

      lap("kills");
      // 2. A rejected key: at most `concurrency` requests, exit 2 naming the variable.
      const unauthorized = await startFakeOpenAIServer({ apiKey: "sk-the-right-one", latencyMs: 20 });
      try {
        const file = config(
          "rejected",
          `judges:\n  - { id: gpt, provider: openai, model: gpt-4o-mini, baseURL: "${unauthorized.baseURL}", apiKeyEnv: CHAOS_WRONG_KEY }\n` +
            "scheduler: { kind: round-robin }\nlimits: { openai: { concurrency: 4 } }\n",
        );
        const run = await runCliForTest(["run", file], { cwd: root, env });
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("authentication failed for judge gpt (HTTP 401): check CHAOS_WRONG_KEY");
        const sent = unauthorized.log.filter((entry) => entry.path.endsWith("/chat/completions")).length;
        expect(sent).toBeGreaterThanOrEqual(1);
        expect(sent).toBeLessThanOrEqual(4);
      } finally {
        await unauthorized.close();
      }

      lap("401");
      // 3. The run folder deleted while the run works: it stops at once, exits 1, and never recreates the folder.
      const slow = await startFakeOpenAIServer({ apiKey: KEY, latencyMs: 60 });
      try {
        const file = config(
          "deleted",
          `judges:\n  - { id: gpt, provider: openai, model: gpt-4o-mini, baseURL: "${slow.baseURL}", apiKeyEnv: CHAOS_KEY }\n` +
            "scheduler: { kind: round-robin }\nlimits: { openai: { concurrency: 4 } }\n",
        );
        const deletedDir = join(root, "runs", "deleted");
        const { child, exited } = spawnRun(file, env);
        await waitFor(() => size(join(deletedDir, "log.jsonl")) > 2000, "the deleted run's progress");
        rmSync(deletedDir, { recursive: true, force: true });
        const requestsAtDeletion = slow.log.length;
        const code = await exited;
        expect(code, stderrOf(child)).toBe(1);
        expect(stderrOf(child)).toMatch(/the run folder .*deleted was deleted or moved while the run was writing it/);
        expect(stderrOf(child)).not.toMatch(/\n\s+at /); // no stack trace
        expect(slow.log.length - requestsAtDeletion).toBeLessThanOrEqual(4); // only calls already in flight
        expect(existsSync(deletedDir)).toBe(false);
      } finally {
        await slow.close();
      }

      lap("deleted");
      // 4. A tiny budget at concurrency 32 + 32 over two providers: the spend never exceeds the cap.
      const cap = 0.002;
      const budgetFile = config(
        "budget",
        "judges:\n" +
          `  - { id: gpt, provider: openai, model: gpt-4o-mini, baseURL: "${server.baseURL}", apiKeyEnv: CHAOS_KEY, maxOutputTokens: 64 }\n` +
          `  - { id: claude, provider: anthropic, model: claude-3-5-haiku-latest, baseURL: "${anthropic.origin}", apiKeyEnv: CHAOS_KEY, maxOutputTokens: 64 }\n` +
          "assignment: panel\nscheduler: { kind: round-robin }\n" +
          "limits: { openai: { concurrency: 32 }, anthropic: { concurrency: 32 } }\n" +
          `budget: { maxCostUsd: ${cap} }\nretries: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40 }\n`,
      );
      const budgetRun = await runCliForTest(["run", budgetFile, "--json"], { cwd: root, env });
      expect(budgetRun.code, budgetRun.stderr).toBe(1);
      const summary = JSON.parse(budgetRun.stdout) as { reason: string; spentUsd: number; recorded: number };
      expect(summary.reason).toBe("budget");
      expect(summary.recorded).toBeGreaterThan(0);
      expect(summary.spentUsd).toBeLessThanOrEqual(cap);
      const paid = logOf(join(root, "runs", "budget"))
        .flatMap((record) => (record.type === "recorded" || record.type === "failed" ? [record] : []))
        .reduce((sum, record) => sum + (record.cached === true ? 0 : (record.comparison?.usage?.costUsd ?? 0)), 0);
      expect(paid).toBeLessThanOrEqual(cap);

      lap("budget");
      // 5. No key in any file written, in any scene.
      for (const file of filesUnder(root)) {
        const text = readFileSync(file, "utf8");
        expect(text.includes(KEY) || text.includes(WRONG_KEY), file).toBe(false);
      }
      console.log(
        `chaos: ${kills} kills, ${repaid} repaid, budget spent $${summary.spentUsd.toFixed(5)} of $${cap} ` +
          `(${summary.recorded} recorded); ${seconds.join(", ")}`,
      );
    } finally {
      await server.close();
      await anthropic.close();
    }
  });
});
