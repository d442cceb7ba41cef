import { describe, expect, it } from "vitest";
import { clusterOrder } from "./cluster-order.js";

describe("clusterOrder (average linkage)", () => {
  it("places the members of each agreeing block next to each other", () => {
    // judges 0, 2, 4 agree strongly with each other, as do 1, 3; across blocks they barely agree
    const block = (i: number, j: number) => (i === j ? 1 : i % 2 === j % 2 ? 0.9 : 0.1);
    const matrix = Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => block(i, j)));
    const order = clusterOrder(matrix);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    const positions = order.map((judge) => judge % 2);
    // one switch between the two blocks
    expect(positions.filter((parity, index) => index > 0 && parity !== positions[index - 1]).length).toBe(1);
  });

  it("treats missing similarities as far apart", () => {
    const order = clusterOrder([
      [1, 0.8, Number.NaN],
      [0.8, 1, Number.NaN],
      [Number.NaN, Number.NaN, 1],
    ]);
    expect(order.indexOf(2) === 0 || order.indexOf(2) === 2).toBe(true);
  });
});
