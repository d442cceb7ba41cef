import { describe, expect, it } from "vitest";
import { daysFromCivil, parseTimestamp } from "./parse-timestamp.js";

describe("parseTimestamp", () => {
  it("agrees with Date.parse on the fast-path shapes and on everything else", () => {
    const samples = [
      "2026-05-05",
      "1999-12-31",
      "2026-05-05T12:34:56Z",
      "2026-05-05T00:00:00.123Z",
      "2024-02-29T23:59:59Z",
      "2026-05-05T12:34:56+02:00",
      "2026-05-05T12:34Z",
      "2026-05-05T12:34:56.5Z",
      "2026-13-05",
      "2026-05-05T25:00:00Z",
      "2026-0a-05",
      "2026-02-31",
      "1600-03-01",
      "0001-01-01",
      "1969-12-31T23:59:59.999Z",
      "not a date",
    ];
    for (const sample of samples) {
      const expected = Date.parse(sample);
      const actual = parseTimestamp(sample);
      if (Number.isNaN(expected)) expect(actual, sample).toBeNaN();
      else expect(actual, sample).toBe(expected);
    }
  });
});

describe("daysFromCivil", () => {
  it("matches Date.UTC day by day over four centuries", () => {
    for (let day = -146_097; day <= 146_097; day += 13) {
      const date = new Date(day * 86_400_000);
      expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(day);
    }
  });
});
