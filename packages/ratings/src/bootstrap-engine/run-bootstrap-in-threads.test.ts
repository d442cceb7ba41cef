import { describe, expect, it } from "vitest";
import { fitBradleyTerry } from "../fit-bradley-terry.js";
import { aggregatePairCells } from "../pair-cells.js";
import { createRandomSource } from "../random-source.js";
import { simulateOutcomes } from "../test-support/simulate-outcomes.js";
import { createBootstrapPlan, runBootstrapRounds } from "./bootstrap-rounds.js";
import { startBootstrapInThreads } from "./run-bootstrap-in-threads.js";

const cells = aggregatePairCells(
  simulateOutcomes({ random: createRandomSource(5), strengths: [0, 0.5, -0.5, 1], comparisons: 200, tieBand: 0.1 }),
);
const plan = createBootstrapPlan(cells, {}, fitBradleyTerry(cells).parameters, 9, 32);
const output = (rounds: number) => ({
  samples: new Float64Array(rounds * cells.itemIds.length),
  orderSamples: new Float64Array(rounds),
  tieSamples: new Float64Array(rounds),
});

describe("startBootstrapInThreads", () => {
  it("gives the single-thread result with worker threads", () => {
    const threaded = output(32);
    const { threadsUsed } = startBootstrapInThreads(plan, 0, 32, 2).finish(threaded);
    const single = output(32);
    runBootstrapRounds(plan, 0, single);
    expect(threadsUsed).toBeGreaterThanOrEqual(1);
    expect(threaded.samples).toEqual(single.samples);
  });

  it("throws the message of an error raised inside a worker instead of hiding it", () => {
    const workerEntry = new URL("../test-support/failing-bootstrap-worker.mjs", import.meta.url);
    const pending = startBootstrapInThreads(plan, 0, 32, 2, { workerEntry });
    expect(() => pending.finish(output(32))).toThrow(/worker thread 1 failed: TypeError: .*null/);
  });
});
