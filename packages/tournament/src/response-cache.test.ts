import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JudgeDescription, JudgeResult } from "@judgelab/judges";
import { afterAll, describe, expect, it } from "vitest";
import { type CacheKeyParts, ResponseCache, responseCacheKey } from "./response-cache.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-cache-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const judge: JudgeDescription = {
  id: "gpt",
  kind: "llm",
  provider: "openai",
  model: "gpt-4o",
  parameters: { temperature: 0, baseURL: "https://api.openai.com/v1" },
};
const base: CacheKeyParts = { judge, templateHash: "t1", firstHash: "h-a", secondHash: "h-b", repetition: 0 };

describe("responseCacheKey", () => {
  it("changes with every part that changes the answer (never keyed by less)", () => {
    const key = responseCacheKey(base);
    const variants: CacheKeyParts[] = [
      { ...base, judge: { ...judge, model: "gpt-4o-mini" } },
      { ...base, judge: { ...judge, provider: "openai-compatible" } },
      { ...base, judge: { ...judge, parameters: { ...judge.parameters, temperature: 1 } } },
      { ...base, templateHash: "t2" },
      { ...base, firstHash: "h-b", secondHash: "h-a" },
      { ...base, firstHash: "h-c" },
      { ...base, secondHash: "h-c" },
      { ...base, repetition: 1 },
      { ...base, request: { task: "which is better?" } },
    ];
    const keys = variants.map((variant) => responseCacheKey(variant));
    expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
  });

  it("ignores the judge id and the order of parameter keys", () => {
    const reordered = {
      ...judge,
      id: "another-name",
      parameters: { baseURL: "https://api.openai.com/v1", temperature: 0 },
    };
    expect(responseCacheKey({ ...base, judge: reordered })).toBe(responseCacheKey(base));
  });
});

describe("ResponseCache", () => {
  const result: JudgeResult = {
    type: "verdict",
    verdict: "first",
    parsedFrom: "structured",
    text: "{}",
    usage: { inputTokens: 1, outputTokens: 2 },
    raw: {},
    latencyMs: 3,
  };

  it("persists entries, keeps the first write of a key, and repairs a torn tail", () => {
    const path = join(root, "cache.jsonl");
    const cache = ResponseCache.open(path);
    cache.set("k1", result);
    cache.set("k1", { ...result, verdict: "second" });
    cache.close();
    writeFileSync(path, `${'{"key":"k1","result":'}${JSON.stringify(result)}}\n{"key":"k2","res`);
    const reopened = ResponseCache.open(path);
    expect(reopened.repair.truncatedBytes).toBeGreaterThan(0);
    expect(reopened.size).toBe(1);
    expect(reopened.get("k1")?.type).toBe("verdict");
    expect(reopened.has("k2")).toBe(false);
    reopened.close();
  });
});
