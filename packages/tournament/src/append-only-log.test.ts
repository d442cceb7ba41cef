import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppendOnlyLog, DiskFullError, LogLineError } from "./append-only-log.js";
import { ResponseCache } from "./response-cache.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-log-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("AppendOnlyLog", () => {
  it("appends one line per record and reads them back", () => {
    const path = join(root, "plain.jsonl");
    const { log, records, repair } = AppendOnlyLog.open<{ n: number }>(path);
    expect(records).toEqual([]);
    expect(repair.truncatedBytes).toBe(0);
    log.append({ n: 1 });
    log.append({ n: 2 });
    log.close();
    expect(readFileSync(path, "utf8")).toBe('{"n":1}\n{"n":2}\n');
    expect(AppendOnlyLog.open<{ n: number }>(path).records).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("truncates a torn last line back to the last newline and reports it", () => {
    const path = join(root, "torn.jsonl");
    writeFileSync(path, '{"n":1}\n{"n":2}\n{"n":');
    const { log, records, repair } = AppendOnlyLog.open<{ n: number }>(path);
    expect(records).toEqual([{ n: 1 }, { n: 2 }]);
    expect(repair).toEqual({ truncatedBytes: 5, tornLine: 3 });
    log.append({ n: 3 });
    log.close();
    expect(readFileSync(path, "utf8")).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
  });

  it("treats a torn line that happens to be valid JSON as torn (no newline means the write did not finish)", () => {
    const path = join(root, "torn-valid.jsonl");
    writeFileSync(path, '{"n":1}\n{"n":2}');
    const { records, repair, log } = AppendOnlyLog.open<{ n: number }>(path);
    log.close();
    expect(records).toEqual([{ n: 1 }]);
    expect(repair.truncatedBytes).toBe(7);
  });

  it("refuses a corrupt complete line with file and line number", () => {
    const path = join(root, "corrupt.jsonl");
    writeFileSync(path, '{"n":1}\nnot json\n{"n":3}\n');
    expect(() => AppendOnlyLog.open(path)).toThrow(LogLineError);
    expect(() => AppendOnlyLog.open(path)).toThrow(/corrupt\.jsonl:2: not valid JSON/);
  });

  it("keeps working when a file ends exactly at a newline after external appends", () => {
    const path = join(root, "external.jsonl");
    writeFileSync(path, '{"n":1}\n');
    appendFileSync(path, '{"n":2}\n');
    const { records, repair, log } = AppendOnlyLog.open<{ n: number }>(path);
    log.close();
    expect(records).toHaveLength(2);
    expect(repair.truncatedBytes).toBe(0);
  });

  it("a full disk mid-write leaves no torn line: the partial line is cut off and DiskFullError names the file", () => {
    const path = join(root, "full.jsonl");
    let budget = Number.POSITIVE_INFINITY;
    const { log } = AppendOnlyLog.open<{ n: number; pad: string }>(path, {
      write: (descriptor, buffer, offset) => {
        if (budget <= 0) throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
        const length = Math.min(buffer.length - offset, budget);
        budget -= length;
        return writeSync(descriptor, buffer, offset, length);
      },
    });
    log.append({ n: 1, pad: "" });
    budget = 10; // the next line gets 10 bytes in, then the disk is full
    expect(() => log.append({ n: 2, pad: "x".repeat(50) })).toThrow(DiskFullError);
    expect(() => log.append({ n: 3, pad: "" })).toThrow(
      /disk full while writing .*full\.jsonl; nothing lost; resume after freeing space/,
    );
    log.close();
    expect(readFileSync(path, "utf8")).toBe('{"n":1,"pad":""}\n');
  });

  it("a corrupted line in the middle is an error naming it with a repair hint, or skipped for derived files", () => {
    const path = join(root, "corrupt.jsonl");
    writeFileSync(
      path,
      '{"key":"a","result":{"type":"verdict"}}\n{"key":"b",garbage\n{"key":"c","result":{"type":"verdict"}}\n',
    );
    expect(() => AppendOnlyLog.open(path)).toThrow(/corrupt\.jsonl:2: not valid JSON .*delete line 2 if you accept/);
    const cache = ResponseCache.open(path);
    expect(cache.repair.skippedLines).toEqual([2]);
    expect([cache.has("a"), cache.has("b"), cache.has("c")]).toEqual([true, false, true]);
    cache.close();
  });
});
