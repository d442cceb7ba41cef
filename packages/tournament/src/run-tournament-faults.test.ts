import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paperImpactTemplate } from "@judgelab/judges";
import { expectedFakeVerdict, type FakeFault, startFakeOpenAIServer } from "@judgelab/judges/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { createJudges } from "./create-judges.js";
import { createRunManifest } from "./create-run-manifest.js";
import type { ProgressEvent } from "./progress-events.js";
import type { RunLogRecord } from "./run-records.js";
import { RunStore } from "./run-store.js";
import { runTournament } from "./run-tournament.js";
import { seededRandom } from "./seeded-random.js";
import { createScoredItems, scoreOf } from "./test-support/scored-items.js";
import { tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-faults-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const SENTINEL_KEY = "sk-test-SENTINEL-4f7c2a9e1b3d5f60";

/** A seeded mix of every injected fault (about 30% of requests). */
function faultFor(index: number): FakeFault | undefined {
  const u = seededRandom(11, "fault", index).next();
  if (u < 0.06) return { kind: "status", status: 429, retryAfterMs: 15 };
  if (u < 0.08) return { kind: "status", status: 429, retryAfter: "0" };
  if (u < 0.13) return { kind: "status", status: 500 };
  if (u < 0.15) return { kind: "status", status: 503 };
  if (u < 0.165) return { kind: "delay", ms: 3500 };
  if (u < 0.21) return { kind: "drop" };
  if (u < 0.23) return { kind: "drop-mid-body" };
  if (u < 0.26) return { kind: "malformed-json" };
  if (u < 0.28) return { kind: "refusal" };
  if (u < 0.3) return { kind: "unparseable" };
  return undefined;
}

describe("runTournament through injected provider faults", () => {
  it("ends every scheduled comparison recorded or explicitly failed, none twice, over 500+ calls", async () => {
    const server = await startFakeOpenAIServer({
      apiKey: SENTINEL_KEY,
      latencyMs: 2,
      faultPolicy: ({ index }) => faultFor(index),
    });
    try {
      const records = createScoredItems(34);
      const config = tournamentConfigSchema.parse({
        seed: 5,
        items: { inline: records },
        judges: [
          { id: "gpt-a", provider: "openai", model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: "TEST_KEY" },
          { id: "gpt-b", provider: "openai", model: "gpt-4.1-mini", baseURL: server.baseURL, apiKeyEnv: "TEST_KEY" },
        ],
        order: "random",
        assignment: "rotate",
        scheduler: { kind: "round-robin", byCategory: false },
        limits: { openai: { concurrency: 16 } },
        retries: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 40 },
        timeoutMs: 3000,
      });
      const items = prepareTournamentItems(records, { byCategory: false });
      const judges = await createJudges({
        config,
        items: items.judgeItems,
        apiKeyOf: (name) => (name === "TEST_KEY" ? SENTINEL_KEY : undefined),
        baseDir: root,
      });
      const runDir = join(root, "faults");
      const store = RunStore.open(runDir, createRunManifest({ config, items, template: paperImpactTemplate, judges }));
      const events: ProgressEvent[] = [];
      const summary = await runTournament({
        config,
        items: records,
        judges,
        template: paperImpactTemplate,
        journal: store,
        reporter: { report: (event) => events.push(event) },
      });
      store.close();

      const log = readFileSync(join(runDir, "log.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as RunLogRecord);
      const planned = log.flatMap((record) => (record.type === "round" ? record.comparisons : []));
      expect(planned).toHaveLength((34 * 33) / 2);
      const outcomes = new Map<string, RunLogRecord[]>();
      for (const record of log) {
        if (record.type !== "recorded" && record.type !== "failed") continue;
        outcomes.set(record.id, [...(outcomes.get(record.id) ?? []), record]);
      }
      // One deciding line per comparison; before it only unparseable answers that were asked again (ask 0, 1, …).
      let reasked = 0;
      for (const comparison of planned) {
        const lines = outcomes.get(comparison.id) ?? [];
        expect(lines.length, comparison.id).toBeGreaterThanOrEqual(1);
        expect(lines.length, comparison.id).toBeLessThanOrEqual(1 + config.onUnparseable.reask);
        lines.slice(0, -1).forEach((line, ask) => {
          expect(line).toMatchObject({ type: "failed", kind: "unparseable" });
          expect(line.type === "failed" && line.final).toBeFalsy();
          expect(line.type === "failed" ? (line.ask ?? 0) : -1).toBe(ask);
        });
        if (lines.length > 1) reasked++;
      }
      expect(outcomes.size).toBe(planned.length);
      expect(reasked).toBeGreaterThan(0);

      const scores = new Map(records.map((item) => [item.id, scoreOf(item)]));
      const kinds = new Map<string, number>();
      for (const [, lines] of outcomes) {
        const outcome = lines.at(-1);
        if (outcome?.type === "recorded") {
          const { first, second, verdict } = outcome.comparison;
          expect(verdict).toBe(expectedFakeVerdict(scores.get(first)!, scores.get(second)!));
        } else if (outcome?.type === "failed") {
          kinds.set(outcome.kind, (kinds.get(outcome.kind) ?? 0) + 1);
        }
      }
      const paidRequests = server.log.filter((entry) => entry.path.endsWith("/chat/completions"));
      console.log(
        `fault test: ${paidRequests.length} calls for ${planned.length} comparisons; recorded ${summary.recorded}, ` +
          `failed ${JSON.stringify(Object.fromEntries(kinds))}; retries ${events.filter((event) => event.type === "retry").length}`,
      );
      expect(paidRequests.length).toBeGreaterThanOrEqual(500);
      expect(paidRequests.every((entry) => entry.authorized)).toBe(true);
      const retryCodes = new Map<string, number>();
      for (const event of events)
        if (event.type === "retry") retryCodes.set(event.code, (retryCodes.get(event.code) ?? 0) + 1);
      const serverFaults = new Map<string, number>();
      for (const entry of paidRequests)
        serverFaults.set(entry.fault ?? "none", (serverFaults.get(entry.fault ?? "none") ?? 0) + 1);
      console.log(
        JSON.stringify({ retryCodes: Object.fromEntries(retryCodes), serverFaults: Object.fromEntries(serverFaults) }),
      );
      // Attempts that die before reaching the server (a reused socket the server had dropped) count as calls too.
      expect(paidRequests.length).toBeLessThanOrEqual(summary.calls);
      expect(summary.recorded + summary.failed + summary.invalid).toBe(planned.length);
      expect(summary.pending).toBe(0);
      expect(kinds.get("refusal")).toBeGreaterThan(0);
      expect(summary.invalid).toBeGreaterThanOrEqual(kinds.get("refusal") ?? 0);
      // Transport faults were retried: far fewer comparisons failed on them than requests carried them.
      const transportFaults = paidRequests.filter(
        (entry) => entry.fault !== undefined && !["refusal", "unparseable"].includes(entry.fault),
      ).length;
      const transportFailures = [...kinds]
        .filter(([kind]) => kind !== "refusal" && kind !== "unparseable")
        .reduce((sum, [, n]) => sum + n, 0);
      expect(transportFailures).toBeLessThan(transportFaults / 10);
      // 429s with Retry-After were honoured: no retry of a 429 came sooner than its Retry-After.
      const retries = events.filter(
        (event): event is Extract<ProgressEvent, { type: "retry" }> => event.type === "retry",
      );
      expect(retries.filter((event) => event.code === "rate-limited").every((event) => event.delayMs >= 0)).toBe(true);
      expect(retries.some((event) => event.code === "timeout")).toBe(true);
      expect(retries.some((event) => event.code === "network")).toBe(true);
      expect(retries.some((event) => event.code === "malformed-response")).toBe(true);
      expect(retries.some((event) => event.code === "server")).toBe(true);

      for (const file of readdirSync(runDir)) {
        expect(readFileSync(join(runDir, file), "utf8").includes(SENTINEL_KEY), file).toBe(false);
      }
    } finally {
      await server.close();
    }
  });

  it("stops a judge at its first rejected key: at most `concurrency` requests, nothing written with the key", async () => {
    const server = await startFakeOpenAIServer({ apiKey: "the-right-key", latencyMs: 5 });
    try {
      const records = createScoredItems(14);
      const config = tournamentConfigSchema.parse({
        items: { inline: records },
        judges: [
          { id: "gpt", provider: "openai", model: "gpt-4o-mini", baseURL: server.baseURL, apiKeyEnv: "TEST_KEY" },
        ],
        scheduler: { kind: "round-robin" },
        limits: { openai: { concurrency: 4 } },
      });
      const items = prepareTournamentItems(records, { byCategory: true });
      const judges = await createJudges({
        config,
        items: items.judgeItems,
        apiKeyOf: () => SENTINEL_KEY,
        baseDir: root,
      });
      const runDir = join(root, "auth");
      const store = RunStore.open(runDir, createRunManifest({ config, items, template: paperImpactTemplate, judges }));
      const summary = await runTournament({
        config,
        items: records,
        judges,
        template: paperImpactTemplate,
        journal: store,
      });
      store.close();
      const requests = server.log.filter((entry) => entry.path.endsWith("/chat/completions")).length;
      expect(requests).toBeGreaterThanOrEqual(1);
      expect(requests).toBeLessThanOrEqual(4); // of 91 planned; never retried
      expect(summary.reason).toBe("judge-failed");
      expect(summary.failedByKind).toEqual({ auth: requests });
      expect(summary.pending).toBe(91 - requests);
      expect(summary.judgeFailures).toEqual([
        { judge: "gpt", status: 401, message: "authentication failed for judge gpt (HTTP 401): check TEST_KEY" },
      ]);
      for (const file of readdirSync(runDir)) {
        expect(readFileSync(join(runDir, file), "utf8").includes(SENTINEL_KEY), file).toBe(false);
      }
    } finally {
      await server.close();
    }
  });
});
