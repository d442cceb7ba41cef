import { describe, expect, it } from "vitest";
import { hashString, StringDictionary } from "./string-dictionary.js";

describe("StringDictionary", () => {
  it("assigns codes in order of first appearance and finds them again", () => {
    const dictionary = new StringDictionary(["b", "a"]);
    expect(dictionary.encode("c")).toBe(2);
    expect(dictionary.encode("a")).toBe(1);
    expect(dictionary.lookup("b")).toBe(0);
    expect(dictionary.lookup("zzz")).toBe(-1);
    expect(dictionary.has("c")).toBe(true);
    expect(dictionary.encodeOptional(undefined)).toBe(-1);
    expect(dictionary.values).toEqual(["b", "a", "c"]);
  });

  it("behaves like a Map over many strings, through several rehashes, including unicode and empty strings", () => {
    const dictionary = new StringDictionary();
    const reference = new Map<string, number>();
    const strings: string[] = ["", "é", "✓✓", "a\u0000b"];
    for (let index = 0; index < 20_000; index++) strings.push(`id-${index % 15_000}-${"x".repeat(index % 5)}`);
    for (const value of strings) {
      if (!reference.has(value)) reference.set(value, reference.size);
      expect(dictionary.encode(value)).toBe(reference.get(value));
    }
    expect(dictionary.size).toBe(reference.size);
    for (const [value, code] of reference) expect(dictionary.lookup(value)).toBe(code);
    expect(dictionary.lookup("id-15000-")).toBe(-1);
  });

  it("keeps strings with colliding hashes apart", () => {
    // A pair with equal 32-bit FNV-1a hashes, found by a brute-force search over "id" + base-36 numbers.
    const pair: [string, string] = ["id43zx", "idbpad"];
    const [one, two] = pair;
    const dictionary = new StringDictionary();
    expect(one).not.toBe(two);
    expect(hashString(one)).toBe(hashString(two));
    expect(dictionary.encode(one)).toBe(0);
    expect(dictionary.encode(two)).toBe(1);
    expect(dictionary.lookup(one)).toBe(0);
    expect(dictionary.lookup(two)).toBe(1);
    // Distinct slot, same bucket: force collisions in the slot table with a tiny table too.
    expect(new StringDictionary(["x", "y", "z"]).lookup("z")).toBe(2);
  });
});
