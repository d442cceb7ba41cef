import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { paperImpactTemplate } from "@judgelab/judges";
import { startFakeOpenAIServer } from "@judgelab/judges/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { createJudges } from "./create-judges.js";
import { createRunManifest } from "./create-run-manifest.js";
import { responseCacheKey } from "./response-cache.js";
import type { RunLogRecord } from "./run-records.js";
import { RunState } from "./run-state.js";
import { RunStore } from "./run-store.js";
import { runTournament } from "./run-tournament.js";
import { seededRandom } from "./seeded-random.js";
import { createScoredItems, scoreOf } from "./test-support/scored-items.js";
import { tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-crash-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const SENTINEL_KEY = "sk-test-SENTINEL-crash-9d8e7f6a5b4c";
const packageDir = resolve(import.meta.dirname, "..");

function readLog(runDir: string): RunLogRecord[] {
  const text = readFileSync(join(runDir, "log.jsonl"), "utf8");
  return text
    .slice(0, text.lastIndexOf("\n") + 1)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as RunLogRecord);
}

function logSize(runDir: string): number {
  const path = join(runDir, "log.jsonl");
  return existsSync(path) ? statSync(path).size : 0;
}

function cacheKeys(runDir: string): Set<string> {
  const path = join(runDir, "cache.jsonl");
  if (!existsSync(path)) return new Set();
  const text = readFileSync(path, "utf8");
  const complete = text.slice(0, text.lastIndexOf("\n") + 1);
  return new Set(
    complete
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => (JSON.parse(line) as { key: string }).key),
  );
}

/** The final outcome of every comparison: id → "first|second|judge|verdict". */
function outcomes(records: readonly RunLogRecord[]): Map<string, string> {
  const state = RunState.fromRecords(records);
  expect(state.problems).toEqual([]);
  const result = new Map<string, string>();
  for (const [id, record] of state.recorded) {
    const { first, second, judge, verdict } = record.comparison;
    result.set(id, `${first}|${second}|${judge}|${verdict}`);
  }
  return result;
}

function startChild(specPath: string): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=source", "src/test-support/run-child.ts", specPath],
    {
      cwd: packageDir,
      env: { ...process.env, CRASH_TEST_KEY: SENTINEL_KEY },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const ready = new Promise<void>((resolveReady, reject) => {
    child.stdout?.on("data", (chunk) => {
      if (String(chunk).includes("ready")) resolveReady();
    });
    child.on("exit", () => reject(new Error(`child exited before ready: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolveExit) => child.on("exit", (code) => resolveExit(code)));
  ready.catch(() => undefined);
  return { child, ready, exited };
}

describe("a run killed with SIGKILL at random points and resumed", () => {
  it("ends with the same log as an uninterrupted run, no duplicate, no loss, no repaid cached call", {
    timeout: 300_000,
  }, async () => {
    const server = await startFakeOpenAIServer({ apiKey: SENTINEL_KEY, latencyMs: 30 });
    try {
      const records = createScoredItems(30);
      const judgeConfig = (id: string, model: string) => ({
        id,
        provider: "openai",
        model,
        baseURL: server.baseURL,
        apiKeyEnv: "CRASH_TEST_KEY",
      });
      const configInput = {
        seed: 17,
        items: { inline: records },
        judges: [
          judgeConfig("judge-a", "gpt-4o-mini"),
          judgeConfig("judge-b", "gpt-4.1-mini"),
          judgeConfig("judge-c", "gpt-5-mini"),
        ],
        order: "random",
        assignment: "rotate",
        scheduler: { kind: "seed-system", matchesPerItemPerRound: 3, topK: 5 },
        stop: { sigma: 0.1, topSigma: 0.1, maxMatchesPerItem: 12, keepPlayingUndefeated: false },
        limits: { openai: { concurrency: 6 } },
        retries: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        timeoutMs: 10_000,
      };
      const config = tournamentConfigSchema.parse(configInput);
      const items = prepareTournamentItems(records, { byCategory: true });
      const judges = await createJudges({
        config,
        items: items.judgeItems,
        apiKeyOf: (name) => (name === "CRASH_TEST_KEY" ? SENTINEL_KEY : undefined),
        baseDir: root,
      });

      // The reference: one uninterrupted run.
      const referenceDir = join(root, "reference");
      const referenceStore = RunStore.open(
        referenceDir,
        createRunManifest({ config, items, template: paperImpactTemplate, judges }),
      );
      await runTournament({ config, items: records, judges, template: paperImpactTemplate, journal: referenceStore });
      referenceStore.close();
      const reference = outcomes(readLog(referenceDir));
      expect(reference.size).toBeGreaterThan(150);

      // The crashed run: same config, another folder, killed again and again.
      const runDir = join(root, "crashed");
      const specPath = join(root, "spec.json");
      writeFileSync(specPath, JSON.stringify({ runDir, config: configInput, items: records }));
      const descriptions = new Map(judges.map((judge) => [judge.model, judge.describe()]));
      const itemByScore = new Map(records.map((item, index) => [scoreOf(item), index]));
      const keyOfRequest = (body: unknown): string => {
        const request = body as { model: string; messages: { content: string }[] };
        const prompt = request.messages.map((message) => message.content).join("\n");
        const [first, second] = [...prompt.matchAll(/score=(\d+)/g)].map((match) => itemByScore.get(Number(match[1]))!);
        return responseCacheKey({
          judge: descriptions.get(request.model)!,
          templateHash: paperImpactTemplate.hash,
          firstHash: items.contentHashes[first!]!,
          secondHash: items.contentHashes[second!]!,
          repetition: 0,
          request: {},
        });
      };
      const random = seededRandom(99, "kill-delays");
      let kills = 0;
      let repaidCached = 0;
      let finished = false;
      const firstCrashRequest = server.log.length;
      for (let attempt = 0; attempt < 40 && !finished; attempt++) {
        const cachedAtStart = existsSync(runDir) ? cacheKeys(runDir) : new Set<string>();
        const requestsBefore = server.log.length;
        const { child, ready, exited } = startChild(specPath);
        await ready;
        let timer: NodeJS.Timeout | undefined;
        if (kills < 10) {
          // Kill at a random moment after the child has made progress (its log grew), so kills land all over the run:
          // between a cache write and its log line, mid-round, while a round plan is written.
          const sizeAtStart = logSize(runDir);
          const delay = random.next() * 250;
          const poll = setInterval(() => {
            if (logSize(runDir) <= sizeAtStart) return;
            clearInterval(poll);
            timer = setTimeout(() => child.kill("SIGKILL"), delay);
          }, 5);
          exited.then(() => clearInterval(poll));
        }
        const code = await exited;
        clearTimeout(timer);
        if (code === 0) finished = true;
        else kills++;
        for (const entry of server.log.slice(requestsBefore)) {
          if (entry.path.endsWith("/chat/completions") && cachedAtStart.has(keyOfRequest(entry.body))) repaidCached++;
        }
      }
      expect(finished).toBe(true);
      expect(kills).toBeGreaterThanOrEqual(10);
      expect(repaidCached).toBe(0);

      const crashed = outcomes(readLog(runDir));
      expect(crashed).toEqual(reference);
      const results = readLog(runDir).filter((record) => record.type === "recorded");
      expect(new Set(results.map((record) => record.id)).size).toBe(results.length);

      const crashRequests = server.log
        .slice(firstCrashRequest)
        .filter((entry) => entry.path.endsWith("/chat/completions"));
      const distinct = new Set(crashRequests.map((entry) => keyOfRequest(entry.body)));
      expect(distinct.size).toBe(reference.size);
      // Only calls in flight at a kill (at most `concurrency` per kill) may be paid twice.
      expect(crashRequests.length - distinct.size).toBeLessThanOrEqual(kills * 6);
      console.log(
        `crash test: ${kills} kills, ${reference.size} comparisons, ${crashRequests.length} requests (${crashRequests.length - distinct.size} repeated in-flight calls)`,
      );
      for (const file of readdirSync(runDir)) {
        expect(readFileSync(join(runDir, file), "utf8").includes(SENTINEL_KEY), file).toBe(false);
      }
    } finally {
      await server.close();
    }
  });
});
