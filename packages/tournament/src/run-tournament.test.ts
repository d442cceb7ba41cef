import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createSimulatedJudge,
  JudgeCallError,
  type JudgeRequest,
  type JudgeResult,
  type PairwiseJudge,
  paperImpactTemplate,
} from "@judgelab/judges";
import { afterAll, describe, expect, it } from "vitest";
import { DiskFullError } from "./append-only-log.js";
import { createRunManifest } from "./create-run-manifest.js";
import { createMemoryJournal } from "./run-journal.js";
import type { RunLogRecord } from "./run-records.js";
import { RunState } from "./run-state.js";
import { RunIdentityError, RunStore } from "./run-store.js";
import { runTournament } from "./run-tournament.js";
import { createSyntheticItems } from "./synthetic-items.js";
import { type TournamentConfigInput, tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-runner-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const items = createSyntheticItems({ count: 16, categories: ["A"], qualitySd: 1.5, seed: 4 });

function configOf(overrides: Partial<TournamentConfigInput> = {}) {
  return tournamentConfigSchema.parse({
    seed: 9,
    items: { inline: items },
    judges: [
      { id: "s1", provider: "simulated", model: "m1", simulation: { positionBias: 0.3 } },
      { id: "s2", provider: "simulated", model: "m2", simulation: { noiseScale: 2 } },
    ],
    stop: { maxMatchesPerItem: 6, sigma: 0.5, topSigma: 0.5 },
    ...overrides,
  });
}

function simulatedJudges(): PairwiseJudge[] {
  return [
    createSimulatedJudge({ id: "s1", seed: 9, model: "m1", positionBias: 0.3 }),
    createSimulatedJudge({ id: "s2", seed: 9, model: "m2", noiseScale: 2 }),
  ];
}

/** A judge with usage and an optional failure rule, counting its calls. */
function countingJudge(options: { fail?: (request: JudgeRequest) => boolean } = {}): PairwiseJudge & { calls: number } {
  const judge = {
    id: "paid",
    kind: "llm" as const,
    provider: "openai",
    model: "gpt-4o",
    calls: 0,
    describe: () => ({ id: "paid", kind: "llm" as const, provider: "openai", model: "gpt-4o", parameters: {} }),
    async judge(request: JudgeRequest): Promise<JudgeResult> {
      judge.calls++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (options.fail?.(request)) {
        throw new JudgeCallError({ code: "bad-request", provider: "openai", message: "injected 400", status: 400 });
      }
      return idOrderVerdict(request, 1000);
    },
  };
  return judge;
}

/** The item with the smaller id wins; `inputTokens` of usage, a tenth of that as output. */
function idOrderVerdict(request: JudgeRequest, inputTokens: number): JudgeResult {
  return {
    type: "verdict",
    verdict: request.first.id < request.second.id ? "first" : "second",
    parsedFrom: "structured",
    text: "{}",
    usage: { inputTokens, outputTokens: inputTokens / 10 },
    raw: {},
    latencyMs: 1,
  };
}

function outcomeSet(records: readonly RunLogRecord[]): string[] {
  const state = RunState.fromRecords(records);
  expect(state.problems).toEqual([]);
  return [...state.recorded.values()].map((r) => `${r.id}:${r.comparison.verdict}`).sort();
}

describe("runTournament", () => {
  it("expands panel × both orders × repetitions into comparisons sharing a match id", async () => {
    const config = configOf({ assignment: "panel", order: "both", repetitions: 2, stop: { maxMatches: 10 } });
    const journal = createMemoryJournal();
    const summary = await runTournament({
      config,
      items,
      judges: simulatedJudges(),
      template: paperImpactTemplate,
      journal,
    });
    expect(summary.reason).toBe("max-matches");
    expect(summary.planned).toBe(10 * 2 * 2 * 2);
    const comparisons = RunState.fromRecords(journal.appended)
      .recordedInPlanOrder()
      .map((r) => r.comparison);
    const byMatch = new Map<string, typeof comparisons>();
    for (const comparison of comparisons)
      byMatch.set(comparison.matchId!, [...(byMatch.get(comparison.matchId!) ?? []), comparison]);
    for (const group of byMatch.values()) {
      expect(group).toHaveLength(8);
      expect(new Set(group.map((c) => c.judge))).toEqual(new Set(["s1", "s2"]));
      expect(new Set(group.map((c) => `${c.first}>${c.second}`)).size).toBe(2);
      expect(new Set(group.map((c) => c.repetition))).toEqual(new Set([0, 1]));
    }
  });

  it("stops scheduling on the signal, leaves a resumable log, and resuming ends like an uninterrupted run", async () => {
    const config = configOf();
    const reference = createMemoryJournal();
    await runTournament({
      config,
      items,
      judges: simulatedJudges(),
      template: paperImpactTemplate,
      journal: reference,
    });

    const controller = new AbortController();
    const first = createMemoryJournal();
    let seen = 0;
    const stopped = await runTournament({
      config,
      items,
      judges: simulatedJudges(),
      template: paperImpactTemplate,
      journal: first,
      signal: controller.signal,
      reporter: {
        report: (event) => {
          if (event.type === "comparison" && ++seen === 20) controller.abort();
        },
      },
    });
    expect(stopped.reason).toBe("interrupted");
    expect(stopped.recorded).toBeLessThan(outcomeSet(reference.appended).length);
    const resumed = createMemoryJournal(first.appended);
    const summary = await runTournament({
      config,
      items,
      judges: simulatedJudges(),
      template: paperImpactTemplate,
      journal: resumed,
    });
    expect(summary.reason).toBe("converged");
    expect(outcomeSet([...first.appended, ...resumed.appended])).toEqual(outcomeSet(reference.appended));
  });

  it("abandons in-flight calls on the second signal; they end as aborted and are retried on resume", async () => {
    const config = tournamentConfigSchema.parse({
      items: { inline: items },
      judges: [{ id: "slow", provider: "openai", model: "gpt-4o" }],
      scheduler: { kind: "round-robin" },
      limits: { openai: { concurrency: 4 } },
    });
    const slow: PairwiseJudge = {
      ...countingJudge(),
      id: "slow",
      judge: (request, context) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve(idOrderVerdict(request, 10)), 20);
          context?.signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(new JudgeCallError({ code: "aborted", provider: "openai", message: "aborted" }));
          });
        }),
    };
    const stop = new AbortController();
    const abandon = new AbortController();
    const first = createMemoryJournal();
    let done = 0;
    const summary = await runTournament({
      config,
      items,
      judges: [slow],
      template: paperImpactTemplate,
      journal: first,
      signal: stop.signal,
      abandonSignal: abandon.signal,
      reporter: {
        report: (event) => {
          if (event.type === "comparison" && ++done === 10) {
            stop.abort();
            abandon.abort();
          }
        },
      },
    });
    expect(summary.reason).toBe("interrupted");
    expect(summary.failedByKind.aborted).toBeGreaterThan(0);
    expect(summary.recorded + summary.failed).toBeLessThan(120);
    const resumed = createMemoryJournal(first.appended);
    const second = await runTournament({
      config,
      items,
      judges: [slow],
      template: paperImpactTemplate,
      journal: resumed,
    });
    expect(second.recorded).toBe(120);
    expect(second.failed).toBe(0);
  });

  it("stops at the cost budget", async () => {
    const judge = countingJudge();
    const config = tournamentConfigSchema.parse({
      items: { inline: items },
      judges: [{ id: "paid", provider: "openai", model: "gpt-4o", maxOutputTokens: 100 }],
      scheduler: { kind: "round-robin" },
      limits: { openai: { concurrency: 8 } },
      budget: { maxCostUsd: 0.05 },
    });
    // gpt-4o default price: $2.50/M input, $10/M output → $0.0035 per call here; each call's worst case (prompt
    // bytes + 512 input tokens, 100 output tokens) is reserved before it is sent, so 8 concurrent calls never
    // overshoot the cap, and the run stops only when the next worst case no longer fits.
    const summary = await runTournament({
      config,
      items,
      judges: [judge],
      template: paperImpactTemplate,
      journal: createMemoryJournal(),
    });
    expect(summary.reason).toBe("budget");
    expect(summary.spentUsd).toBeLessThanOrEqual(0.05);
    expect(summary.spentUsd).toBeGreaterThan(0.05 - 0.0035 - 0.01);
    expect(summary.budgetUsd).toBe(0.05);
    expect(judge.calls).toBe(summary.recorded);
    expect(summary.pending).toBe(120 - summary.recorded);
  });

  it("stops sending at the first failed write (a full disk) and rethrows it once calls in flight end", async () => {
    const judge = countingJudge();
    const config = tournamentConfigSchema.parse({
      items: { inline: items },
      judges: [{ id: "paid", provider: "openai", model: "gpt-4o" }],
      scheduler: { kind: "round-robin" },
      limits: { openai: { concurrency: 4 } },
    });
    const journal = createMemoryJournal();
    const append = journal.append;
    let writes = 0;
    const full = {
      ...journal,
      append: (record: RunLogRecord) => {
        if (++writes > 10) throw new DiskFullError("log.jsonl", new Error("ENOSPC"));
        append(record);
      },
    };
    await expect(
      runTournament({ config, items, judges: [judge], template: paperImpactTemplate, journal: full }),
    ).rejects.toThrow(DiskFullError);
    // 9 results were written after the plan; at most the 4 calls in flight at the failure came after them.
    expect(judge.calls).toBeLessThanOrEqual(9 + 4);
  });

  it("on resume calls only what is missing or failed, and a changed config is refused", async () => {
    const config = tournamentConfigSchema.parse({
      items: { inline: items },
      judges: [{ id: "paid", provider: "openai", model: "gpt-4o" }],
      scheduler: { kind: "round-robin" },
    });
    const prepared = prepareTournamentItems(items, { byCategory: true });
    const failing = countingJudge({ fail: (request) => request.first.id === items[0]!.id });
    const manifest = createRunManifest({ config, items: prepared, template: paperImpactTemplate, judges: [failing] });
    const runDir = join(root, "resume");
    let store = RunStore.open(runDir, manifest);
    const first = await runTournament({
      config,
      items,
      judges: [failing],
      template: paperImpactTemplate,
      journal: store,
    });
    store.close();
    expect(first.failedByKind["bad-request"]).toBeGreaterThan(0);
    expect(first.recorded + first.failed).toBe(120);

    const healthy = countingJudge();
    store = RunStore.open(runDir, manifest);
    const second = await runTournament({
      config,
      items,
      judges: [healthy],
      template: paperImpactTemplate,
      journal: store,
    });
    store.close();
    expect(healthy.calls).toBe(first.failed);
    expect(second.recorded).toBe(120);
    expect(second.failed).toBe(0);

    const other = tournamentConfigSchema.parse({ ...config, seed: 1 });
    expect(() =>
      RunStore.open(
        runDir,
        createRunManifest({ config: other, items: prepared, template: paperImpactTemplate, judges: [healthy] }),
      ),
    ).toThrow(RunIdentityError);
  });
});
