import { type ChildProcess, spawn } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
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
const TORN_LOG = '{"type":"recorded","id":"r1m3.judge-a.ab.0","round":1,"comparison":{"id":"r1m';

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

function startChild(specPath: string): {
  child: ChildProcess;
  ready: Promise<string>;
  exited: Promise<number | null>;
} {
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
  let stdout = "";
  const ready = new Promise<string>((resolveReady, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += String(chunk);
      // Only complete lines: a chunk may end in the middle of one.
      const line = stdout
        .split("\n")
        .slice(0, -1)
        .find((text) => text.startsWith("ready "));
      if (line !== undefined) resolveReady(line.slice("ready ".length));
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
    // The reference run has its own server, so it can run while the crashed run's children start and die, and its
    // requests never mix with the crashed run's request accounting.
    const referenceServer = await startFakeOpenAIServer({ apiKey: SENTINEL_KEY, latencyMs: 30 });
    try {
      const records = createScoredItems(30);
      const configFor = (baseURL: string) => {
        const judgeConfig = (id: string, model: string) => ({
          id,
          provider: "openai",
          model,
          baseURL,
          apiKeyEnv: "CRASH_TEST_KEY",
        });
        return {
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
      };
      const configInput = configFor(server.baseURL);
      const config = tournamentConfigSchema.parse(configInput);
      const items = prepareTournamentItems(records, { byCategory: true });
      const judges = await createJudges({
        config,
        items: items.judgeItems,
        apiKeyOf: (name) => (name === "CRASH_TEST_KEY" ? SENTINEL_KEY : undefined),
        baseDir: root,
      });

      // The reference: one uninterrupted run (same seed and settings; only the server differs).
      const referenceConfig = tournamentConfigSchema.parse(configFor(referenceServer.baseURL));
      const referenceJudges = await createJudges({
        config: referenceConfig,
        items: items.judgeItems,
        apiKeyOf: () => SENTINEL_KEY,
        baseDir: root,
      });
      const referenceDir = join(root, "reference");
      const referenceStore = RunStore.open(
        referenceDir,
        createRunManifest({ config: referenceConfig, items, template: paperImpactTemplate, judges: referenceJudges }),
      );
      const referenceRun = runTournament({
        config: referenceConfig,
        items: records,
        judges: referenceJudges,
        template: paperImpactTemplate,
        journal: referenceStore,
      }).finally(() => referenceStore.close());

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
      let tornWrites = 0;
      let repairsSeen = 0;
      let repaidCached = 0;
      let finished = false;
      const firstCrashRequest = server.log.length;
      for (let attempt = 0; attempt < 40 && !finished; attempt++) {
        const cachedAtStart = existsSync(runDir) ? cacheKeys(runDir) : new Set<string>();
        const requestsBefore = server.log.length;
        const { child, ready, exited } = startChild(specPath);
        const repairs = JSON.parse(await ready) as {
          log: { truncatedBytes: number };
          cache: { truncatedBytes: number };
        };
        if (tornWrites > 0) {
          // The previous iteration tore the last line of both files: the child must have cut them away.
          // (at least the fragment appended here; more when the kill itself tore a line just before it)
          expect(repairs.log.truncatedBytes).toBeGreaterThanOrEqual(TORN_LOG.length);
          expect(repairs.cache.truncatedBytes).toBeGreaterThan(0);
          repairsSeen++;
          tornWrites = 0;
        }
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
        if (!finished && kills % 4 === 2) {
          // Simulate a kill in the middle of a write: a line without its newline at the end of each file.
          appendFileSync(join(runDir, "log.jsonl"), TORN_LOG);
          appendFileSync(join(runDir, "cache.jsonl"), '{"key":"0123abc","result":{"type":"verd');
          tornWrites = 1;
        }
        for (const entry of server.log.slice(requestsBefore)) {
          if (entry.path.endsWith("/chat/completions") && cachedAtStart.has(keyOfRequest(entry.body))) repaidCached++;
        }
      }
      await referenceRun;
      const reference = outcomes(readLog(referenceDir));
      expect(reference.size).toBeGreaterThan(150);
      expect(finished).toBe(true);
      expect(kills).toBeGreaterThanOrEqual(10);
      expect(repairsSeen).toBeGreaterThanOrEqual(2);
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
      await referenceServer.close();
    }
  });
});
