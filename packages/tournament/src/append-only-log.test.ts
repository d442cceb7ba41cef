import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppendOnlyLog, LogLineError } from "./append-only-log.js";

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
});
