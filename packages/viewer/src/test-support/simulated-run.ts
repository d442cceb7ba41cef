import { appendFileSync } from "node:fs";
import { join } from "node:path";
import type { Comparison } from "@judgelab/schema";
import { type PlannedComparison, type RunManifest, RunStore } from "@judgelab/tournament";
import { XSS_RATIONALE, XSS_TITLE } from "./write-fixtures.js";

/**
 * A run folder written the way `judgelab run` writes it (the tournament package's RunStore: run.json, an
 * append-only log.jsonl), driven step by step by a test: plan a round, record verdicts and failures, tear a line.
 */
export class SimulatedRun {
  readonly store: RunStore;
  readonly items = Array.from({ length: 8 }, (_, index) => ({
    id: `item-${index}`,
    title: index === 5 ? XSS_TITLE : `Item ${index}`,
  }));
  private round = 0;

  constructor(
    readonly dir: string,
    options: { budgetUsd: number },
  ) {
    const manifest: RunManifest = {
      schemaVersion: 1,
      name: "simulated live run",
      createdAt: "2026-01-01T00:00:00.000Z",
      seed: 1,
      identityHash: "fixture",
      itemsHash: "fixture",
      templateHash: "fixture",
      judges: [{ id: "sim-a" }, { id: "sim-b" }],
      config: { budget: { maxCostUsd: options.budgetUsd }, items: { inline: this.items } },
    };
    this.store = RunStore.open(dir, manifest);
  }

  /** Plans a round of `matches` pairs (each judged by both judges, in opposite orders). */
  planRound(matches: number): PlannedComparison[] {
    const round = this.round++;
    const planned: PlannedComparison[] = [];
    for (let match = 0; match < matches; match++) {
      const a = (round * 3 + match) % 8;
      const b = (a + 1 + (round % 7)) % 8;
      const matchId = `r${round}m${match}`;
      planned.push(
        {
          id: `${matchId}.sim-a.ab.0`,
          matchId,
          round,
          first: `item-${a}`,
          second: `item-${b}`,
          judge: "sim-a",
          repetition: 0,
        },
        {
          id: `${matchId}.sim-b.ba.0`,
          matchId,
          round,
          first: `item-${b}`,
          second: `item-${a}`,
          judge: "sim-b",
          repetition: 0,
        },
      );
    }
    this.store.append({ type: "round", round, comparisons: planned });
    return planned;
  }

  /** Records a verdict for a planned comparison. */
  record(planned: PlannedComparison, verdict: Comparison["verdict"], costUsd = 0.001): void {
    const comparison: Comparison = {
      id: planned.id,
      first: planned.first,
      second: planned.second,
      order: "known",
      verdict,
      judge: planned.judge,
      matchId: planned.matchId,
      repetition: 0,
      rationale: planned.id.endsWith("sim-b.ba.0") && planned.round === 0 ? XSS_RATIONALE : `judged ${planned.id}`,
      usage: { inputTokens: 500, outputTokens: 50, costUsd },
      raw: { text: `answer for ${planned.id}` },
    };
    this.store.append({
      type: "recorded",
      id: planned.id,
      round: planned.round,
      comparison,
      cacheKey: "k",
      attempts: 1,
      cached: false,
    });
  }

  /** Records a failure (e.g. "rate-limit", "refusal"). */
  fail(planned: PlannedComparison, kind: string): void {
    this.store.append({
      type: "failed",
      id: planned.id,
      round: planned.round,
      kind: kind as never,
      message: `simulated ${kind}`,
      attempts: 3,
    });
  }

  /** Appends raw bytes to log.jsonl (a torn line, as a killed writer leaves it). */
  appendRaw(text: string): void {
    appendFileSync(join(this.dir, "log.jsonl"), text);
  }

  close(): void {
    this.store.close();
  }
}
