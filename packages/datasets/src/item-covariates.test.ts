import { describe, expect, it } from "vitest";
import { itemCovariates, itemFieldGroups, measureTextStyle } from "./item-covariates.js";

describe("measureTextStyle", () => {
  it("counts headers, bold spans and list items outside code blocks, characters and approximate tokens", () => {
    const text = [
      "# Title",
      "Some **bold** text and __more__.",
      "## Steps",
      "1. first",
      "2) second",
      "- bullet with **bold**",
      "```",
      "# not a header",
      "- not a list",
      "```",
      "#hashtag is not a header",
    ].join("\n");
    expect(measureTextStyle(text)).toMatchObject({ headers: 2, bold: 3, lists: 3 });
    expect(measureTextStyle("héllo, wörld!")).toEqual({ characters: 13, tokens: 4, headers: 0, bold: 0, lists: 0 });
  });
});

describe("itemCovariates", () => {
  const items = [
    { id: "a", text: "## x\n- y", metadata: { quality: 3 } },
    { id: "b", length: 42 },
    { id: "c", text: "plain", quality: 1 } as never,
  ];
  it("expands markdown, reads text, the length field and numeric fields, and lists the missing items", () => {
    const result = itemCovariates(items, ["a", "b", "c", "d"], ["length", "markdown", "quality"]);
    expect(result.names).toEqual(["length", "headers", "bold", "lists", "quality"]);
    expect(result.kinds).toEqual(["ratio", "ratio", "ratio", "ratio", "difference"]);
    expect(Array.from(result.values.subarray(0, 5))).toEqual([8, 1, 0, 1, 3]);
    expect(result.values[5]).toBe(42);
    expect(Number.isNaN(result.values[6])).toBe(true);
    expect(result.values[14]).toBe(1);
    expect(result.missing).toEqual([["d"], ["b", "d"], ["b", "d"], ["b", "d"], ["b", "d"]]);
    const zero = itemCovariates(items, ["a", "b"], ["bold"], { missing: "zero" });
    expect(Array.from(zero.values)).toEqual([0, 0]);
    expect(zero.missing).toEqual([["b"]]);
    expect(() => itemCovariates(items, ["a"], ["markdown", "bold"])).toThrow('--control lists "bold" twice');
  });

  it("groups items by a field", () => {
    const grouping = itemFieldGroups(
      [{ id: "a", producer: "m1" }, { id: "b", producer: "m2" }, { id: "c" }],
      ["c", "a", "b"],
      "producer",
    );
    expect(Array.from(grouping.groupOf)).toEqual([-1, 0, 1]);
    expect(grouping.groupIds).toEqual(["m1", "m2"]);
    expect(() => itemFieldGroups([{ id: "a" }], ["a"], "producer")).toThrow('no item has a "producer" field');
  });
});
