import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSimulatedJudge, type JudgeRequest, type PairwiseJudge, paperImpactTemplate } from "@judgelab/judges";
import type { Item } from "@judgelab/schema";
import { afterAll, describe, expect, it } from "vitest";
import { createRunManifest } from "./create-run-manifest.js";
import {
  ADDED_ITEMS_FILE,
  GrowingItemsError,
  readKeptItems,
  readStoredManifest,
  recordItemAdditions,
  resolveGrowingItems,
} from "./growing-items.js";
import { IncrementalStandings } from "./incremental-standings.js";
import { readRunFolder } from "./read-run-folder.js";
import type { RoundRecord } from "./run-records.js";
import { RunState } from "./run-state.js";
import { RunStore } from "./run-store.js";
import { runTournament } from "./run-tournament.js";
import { standingsFromState } from "./standings-from-state.js";
import { createSyntheticItems } from "./synthetic-items.js";
import { tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-growing-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const all = createSyntheticItems({ count: 21, categories: ["A"], qualitySd: 1.5, seed: 4 });
const base = all.slice(0, 12);
const config = tournamentConfigSchema.parse({
  seed: 9,
  items: { inline: base },
  judges: [
    { id: "s1", provider: "simulated", model: "m1", simulation: { positionBias: 0.3 } },
    { id: "s2", provider: "simulated", model: "m2", simulation: { noiseScale: 2 } },
  ],
  stop: { maxMatchesPerItem: 5, sigma: 0.5, topSigma: 0.5 },
});

/** The two simulated judges, counting every call (a resumed run must not call for a recorded comparison). */
function countingJudges(counter: { calls: number; onCall?: () => void }): PairwiseJudge[] {
  return [
    createSimulatedJudge({ id: "s1", seed: 9, model: "m1", positionBias: 0.3 }),
    createSimulatedJudge({ id: "s2", seed: 9, model: "m2", noiseScale: 2 }),
  ].map((judge) => ({
    id: judge.id,
    kind: judge.kind,
    provider: judge.provider,
    model: judge.model,
    describe: () => judge.describe(),
    judge: (request: JudgeRequest) => {
      counter.calls++;
      counter.onCall?.();
      return judge.judge(request);
    },
  }));
}

/** One `judgelab run` invocation on the run folder: resolve the item list, open, grow, run, close. */
async function invoke(
  dir: string,
  options: {
    configured: readonly Item[];
    added?: readonly Item[];
    counter: { calls: number; onCall?: () => void };
    signal?: AbortSignal;
  },
) {
  const growing = resolveGrowingItems({
    stored: readStoredManifest(dir),
    configured: options.configured,
    kept: readKeptItems(dir),
    ...(options.added === undefined ? {} : { added: options.added }),
  });
  const items = prepareTournamentItems(growing.records, { byCategory: true });
  const judges = countingJudges(options.counter);
  const manifest = createRunManifest({
    config,
    items,
    template: paperImpactTemplate,
    judges,
    itemsHash: growing.baseItemsHash,
    itemList: growing.list,
  });
  const store = RunStore.open(dir, manifest);
  const grown = recordItemAdditions({ runDir: dir, manifest: store.manifest, growing });
  try {
    const summary = await runTournament({
      config,
      items: growing.records,
      judges,
      template: paperImpactTemplate,
      journal: store,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return { summary, growing, items, manifest: grown, logLength: readRunFolder(dir).records.length };
  } finally {
    store.close();
  }
}

describe("a growing tournament (judgelab run --add-items)", () => {
  it("three additions with resumes in between: no call paid twice, newcomers first, ratings equal a full replay", async () => {
    const dir = join(root, "run");
    const counter = { calls: 0 };
    const steps: { logLength: number; items: ReturnType<typeof prepareTournamentItems> }[] = [];
    const first = await invoke(dir, { configured: base, counter });
    expect(first.summary.reason).toBe("converged");
    steps.push(first);
    const identity = first.manifest.identityHash;

    // A plain resume of a finished run calls nothing.
    const callsAfterFirst = counter.calls;
    const resumed = await invoke(dir, { configured: base, counter });
    expect(counter.calls).toBe(callsAfterFirst);
    expect(resumed.growing.newcomers).toEqual([]);

    const batches = [all.slice(12, 15), all.slice(15, 18), all.slice(18, 21)];
    const roundsBefore: number[] = [];
    // Addition 1: --add-items; then a resume without the flag finds the items kept in the run folder.
    roundsBefore.push(RunState.fromRecords(readRunFolder(dir).records).roundCount);
    const one = await invoke(dir, { configured: base, added: batches[0]!, counter });
    expect(one.growing.newcomers.map((item) => item.id)).toEqual(batches[0]!.map((item) => item.id));
    expect(one.summary.reason).toBe("converged");
    steps.push(one);
    expect(readKeptItems(dir).map((item) => item.id)).toEqual(batches[0]!.map((item) => item.id));
    const callsAfterOne = counter.calls;
    const again = await invoke(dir, { configured: base, counter });
    expect(again.items.ids).toHaveLength(15);
    expect(counter.calls).toBe(callsAfterOne);

    // Addition 2: interrupted after a few calls, then resumed (calls only what is missing).
    roundsBefore.push(RunState.fromRecords(readRunFolder(dir).records).roundCount);
    const controller = new AbortController();
    let callsThisInvocation = 0;
    const interruptingCounter = {
      get calls() {
        return counter.calls;
      },
      set calls(value: number) {
        counter.calls = value;
      },
      onCall: () => {
        if (++callsThisInvocation === 4) controller.abort();
      },
    };
    const interrupted = await invoke(dir, {
      configured: base,
      added: batches[1]!,
      counter: interruptingCounter,
      signal: controller.signal,
    });
    expect(interrupted.summary.reason).toBe("interrupted");
    steps.push(interrupted);
    const two = await invoke(dir, { configured: base, counter });
    expect(two.summary.reason).toBe("converged");
    steps.push(two);

    // Addition 3: items appended to the configured source itself.
    roundsBefore.push(RunState.fromRecords(readRunFolder(dir).records).roundCount);
    const three = await invoke(dir, { configured: [...base, ...batches[2]!], counter });
    expect(three.growing.newcomers.map((item) => item.id)).toEqual(batches[2]!.map((item) => item.id));
    steps.push(three);

    // The run's identity never changed; the manifest lists all 21 items append-only, with three additions.
    const manifest = readStoredManifest(dir)!;
    expect(manifest.identityHash).toBe(identity);
    expect(manifest.items?.map((entry) => entry.id)).toEqual(all.map((item) => item.id));
    expect(manifest.itemAdditions?.map((addition) => [addition.count, addition.total])).toEqual([
      [3, 15],
      [3, 18],
      [3, 21],
    ]);
    expect(readFileSync(join(dir, ADDED_ITEMS_FILE), "utf8").trim().split("\n")).toHaveLength(6);

    // No call paid twice: every call produced exactly one recorded comparison.
    const records = readRunFolder(dir).records;
    const state = RunState.fromRecords(records);
    expect(state.recorded.size).toBe(counter.calls);
    expect(state.problems).toEqual([]);

    // Newcomers first: in the first round after each addition every newcomer is matched, half of them at least
    // against an established item, and the round's first match involves a newcomer.
    const rounds = records.filter((record): record is RoundRecord => record.type === "round");
    batches.forEach((batch, index) => {
      const round = rounds.find((record) => record.round === roundsBefore[index]);
      if (round === undefined) throw new Error(`no round after addition ${index + 1}`);
      const newcomers = new Set(batch.map((item) => item.id));
      for (const id of newcomers) {
        const matches = round.comparisons.filter((c) => c.first === id || c.second === id);
        expect(matches.length, `${id} in round ${round.round}`).toBeGreaterThan(0);
        expect(matches.some((c) => !newcomers.has(c.first === id ? c.second : c.first))).toBe(true);
      }
      const opening = round.comparisons[0]!;
      expect(newcomers.has(opening.first) || newcomers.has(opening.second)).toBe(true);
    });

    // Ratings updated incrementally over the growing log equal a full replay at every step.
    const incremental = new IncrementalStandings();
    for (const step of steps) {
      const prefix = RunState.fromRecords(records.slice(0, step.logLength));
      const updated = incremental.update(prefix, step.items);
      const full = standingsFromState(prefix, step.items);
      expect(updated.mu).toEqual(full.mu);
      expect(updated.sigma).toEqual(full.sigma);
      expect(updated.matches).toEqual(full.matches);
      expect([...updated.playedPairs].sort()).toEqual([...full.playedPairs].sort());
      expect(new Map([...updated.pairResults].sort(([a], [b]) => a - b))).toEqual(
        new Map([...full.pairResults].sort(([a], [b]) => a - b)),
      );
    }
    expect(incremental.counts.incremental).toBeGreaterThanOrEqual(3);
    // And the run's final ratings are the replay of the final log over all 21 items.
    const final = standingsFromState(state, steps.at(-1)!.items);
    expect(final.mu).toHaveLength(21);
    expect(final.matches.every((count) => count > 0)).toBe(true);
  });

  it("refuses item lists that are not append-only: a changed or a vanished item", () => {
    const list = resolveGrowingItems({ configured: base });
    const stored = { itemsHash: list.baseItemsHash, items: list.list };
    const changed = base.map((item, index) => (index === 3 ? { ...item, title: `${item.title} (v2)` } : item));
    expect(() => resolveGrowingItems({ stored, configured: changed })).toThrow(GrowingItemsError);
    expect(() => resolveGrowingItems({ stored, configured: changed })).toThrow(/changed since it joined the run/);
    expect(() => resolveGrowingItems({ stored, configured: base.slice(1) })).toThrow(/is missing/);
    // Re-adding an item already in the run is a no-op, not a newcomer.
    expect(resolveGrowingItems({ stored, configured: base, added: base.slice(0, 2) }).newcomers).toEqual([]);
    // A run folder without a list accepts its unchanged items and adopts them as the list.
    expect(resolveGrowingItems({ stored: { itemsHash: list.baseItemsHash }, configured: base }).list).toEqual(
      list.list,
    );
  });
});
