import { describe, expect, it } from "vitest";
import { countComparisonGroups, describeMleProblem, hasFiniteMle } from "./has-finite-mle.js";
import { aggregatePairCells } from "./pair-cells.js";

function cellsOf(pairs: [number, number, number][], itemCount: number) {
  return aggregatePairCells({
    size: pairs.length,
    itemIds: Array.from({ length: itemCount }, (_, i) => `i${i}`),
    first: Int32Array.from(pairs, ([a]) => a),
    second: Int32Array.from(pairs, ([, b]) => b),
    verdict: Uint8Array.from(pairs, ([, , v]) => v),
  });
}

describe("hasFiniteMle (strong connectivity of the win graph)", () => {
  it("accepts a cycle and rejects an unbeaten item", () => {
    expect(
      hasFiniteMle(
        cellsOf(
          [
            [0, 1, 0],
            [1, 2, 0],
            [2, 0, 0],
          ],
          3,
        ),
      ),
    ).toBe(true);
    expect(
      hasFiniteMle(
        cellsOf(
          [
            [0, 1, 0],
            [1, 2, 0],
            [0, 2, 0],
          ],
          3,
        ),
      ),
    ).toBe(false);
  });

  it("rejects two groups where one group beat the other every time, even if each item won and lost", () => {
    // {0, 1} cycle and {2, 3} cycle; the groups meet once and 0 beats 2.
    expect(
      hasFiniteMle(
        cellsOf(
          [
            [0, 1, 0],
            [1, 0, 0],
            [2, 3, 0],
            [3, 2, 0],
            [0, 2, 0],
          ],
          4,
        ),
      ),
    ).toBe(false);
    // One tie across the groups joins them both ways.
    expect(
      hasFiniteMle(
        cellsOf(
          [
            [0, 1, 0],
            [1, 0, 0],
            [2, 3, 0],
            [3, 2, 0],
            [0, 2, 2],
          ],
          4,
        ),
      ),
    ).toBe(true);
  });

  it("ignores items without comparisons", () => {
    expect(
      hasFiniteMle(
        cellsOf(
          [
            [0, 1, 0],
            [1, 0, 0],
          ],
          5,
        ),
      ),
    ).toBe(true);
  });
});

describe("describeMleProblem", () => {
  it("names disconnected groups before separation, and is null for a well-posed design", () => {
    const twoGroups = cellsOf(
      [
        [0, 1, 0],
        [1, 0, 0],
        [2, 3, 0],
        [3, 2, 0],
      ],
      4,
    );
    expect(countComparisonGroups(twoGroups)).toBe(2);
    expect(describeMleProblem(twoGroups)).toMatch(/2 groups of items never compared with each other/);
    expect(
      describeMleProblem(
        cellsOf(
          [
            [0, 1, 0],
            [1, 2, 0],
            [0, 2, 0],
          ],
          3,
        ),
      ),
    ).toMatch(/never lost \(or never won\)/);
    expect(
      describeMleProblem(
        cellsOf(
          [
            [0, 1, 0],
            [1, 2, 0],
            [2, 0, 0],
          ],
          3,
        ),
      ),
    ).toBeNull();
  });
});
