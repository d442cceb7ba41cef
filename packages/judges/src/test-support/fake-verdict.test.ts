import { describe, expect, it } from "vitest";
import { composeFakeAnswer, decideFakeVerdict, expectedFakeVerdict, fakeScoredText } from "./fake-verdict.js";

describe("fake verdicts", () => {
  it("decides by the scores in presented order, so swapping flips the verdict", () => {
    const prompt = (first: number, second: number): string =>
      `Paper 1: ${fakeScoredText(first, "a")}\nPaper 2: ${fakeScoredText(second, "b")}`;
    expect(decideFakeVerdict(prompt(0.9, 0.2))).toBe("first");
    expect(decideFakeVerdict(prompt(0.2, 0.9))).toBe("second");
    expect(decideFakeVerdict(prompt(-1.5, -1.5))).toBe("tie");
    expect(expectedFakeVerdict(3, 1)).toBe("first");
    expect(decideFakeVerdict("no scores here")).toBe(decideFakeVerdict("no scores here"));
  });

  it("answers in the requested format", () => {
    const schema = { properties: { pick: { enum: ["x", "y", "z"] }, note: { type: "string" } } };
    expect(composeFakeAnswer({ verdict: "second", promptText: "", schema }).json).toEqual({
      pick: "y",
      note: expect.stringContaining("second"),
    });
    expect(composeFakeAnswer({ verdict: "tie", promptText: "end with [[A]] or [[C]]" }).text).toMatch(/\[\[C\]\]$/);
    expect(composeFakeAnswer({ verdict: "first", promptText: '{"winner": "paper1" or "paper2"}' }).json).toMatchObject({
      winner: "paper1",
    });
  });
});
