import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Comparison } from "@judgelab/schema";
import { afterAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-export-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 60 comparisons of 5 items by 2 judges in both orders (seeded LCG), with the fields a round trip must keep. */
function makeComparisons(): Comparison[] {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const items = ["alpha", "beta", "gamma", "delta", "epsilon"];
  return Array.from({ length: 60 }, (_, i): Comparison => {
    const a = items[i % 5]!;
    const b = items[(i + 1 + (i % 3)) % 5]!;
    const swap = i % 2 === 1;
    const u = next();
    return {
      id: `c${i}`,
      first: swap ? b : a,
      second: swap ? a : b,
      order: "known",
      verdict: u < 0.45 ? "first" : u < 0.85 ? "second" : u < 0.97 ? "tie" : "invalid",
      judge: i % 4 < 2 ? "judge-a" : "judge-b",
      prompt: `p${i % 7}`,
      repetition: i % 3,
      rationale: i % 5 === 0 ? `Better, "clearly"; see line 1,\nline 2 (${i})` : `plain ${i}`,
      ...(i % 6 === 0 ? { metadata: { language: "de" } } : {}),
    };
  });
}
const comparisons = makeComparisons();
writeFileSync(join(root, "comparisons.jsonl"), comparisons.map((c) => `${JSON.stringify(c)}\n`).join(""));

const readComparisons = (dir: string) =>
  readFileSync(join(root, dir, "comparisons.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Comparison);
// The generic importers keep an unparsed verdict as invalid with its source value in raw, and do not map metadata.
const comparable = (list: readonly Comparison[]) => list.map(({ raw: _raw, metadata: _metadata, ...rest }) => rest);
const MAP =
  "first=first,second=second,verdict=verdict,judge=judge,id=id,prompt=prompt,order=order,repetition=repetition,rationale=rationale";

describe("judgelab export", () => {
  it("parquet → import generic-parquet gives the same comparisons", async () => {
    const exported = await runCliForTest(
      ["export", "comparisons.jsonl", "--format", "parquet", "--out", "pq", "--json"],
      { cwd: root },
    );
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({
      out: join(root, "pq"),
      format: "parquet",
      tables: [{ name: "comparisons", rows: 60, columns: 10, file: join(root, "pq", "comparisons.parquet") }],
    });
    expect(readdirSync(join(root, "pq"))).toEqual(["comparisons.parquet"]);
    const imported = await runCliForTest(
      ["import", "generic-parquet", "pq/comparisons.parquet", "--map", MAP, "--out", "from-parquet"],
      { cwd: root },
    );
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(comparable(readComparisons("from-parquet"))).toEqual(comparable(comparisons));
  });

  it("csv → import csv gives the same comparisons (quoted rationales with commas, quotes and newlines)", async () => {
    const exported = await runCliForTest(["export", "comparisons.jsonl", "--format", "csv", "--out", "csv"], {
      cwd: root,
    });
    expect(exported.code).toBe(0);
    expect(readFileSync(join(root, "csv", "comparisons.csv"), "utf8").split("\n")[0]).toBe(
      "id,first,second,order,verdict,judge,prompt,repetition,rationale,metadata.language",
    );
    const imported = await runCliForTest(["import", "csv", "csv/comparisons.csv", "--map", MAP, "--out", "from-csv"], {
      cwd: root,
    });
    expect(imported.code).toBe(0);
    expect(comparable(readComparisons("from-csv"))).toEqual(comparable(comparisons));
  });

  it("xlsx --analysis: one sheet per table; the pooled ratings sheet equals analyze --json's", async () => {
    const args = ["--seed", "3", "--bootstrap", "20"];
    const exported = await runCliForTest(
      ["export", "comparisons.jsonl", "--format", "xlsx", "--out", "book.xlsx", "--analysis", ...args],
      { cwd: root },
    );
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    const XLSX = await import("xlsx");
    const book = XLSX.read(readFileSync(join(root, "book.xlsx")));
    expect(book.SheetNames.slice(0, 3)).toEqual(["comparisons", "metrics", "dataset.judges"]);
    expect(book.SheetNames).toEqual(
      expect.arrayContaining(["agreement.pairs", "positionBias.perJudge", "stability.pooled.rows.rows"]),
    );
    const analyzed = await runCliForTest(["analyze", "comparisons.jsonl", "--json", ...args], { cwd: root });
    const document = JSON.parse(analyzed.stdout);
    const sheet = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets["stability.pooled.rows.rows"]!);
    expect(sheet).toEqual(document.stability.pooled.rows.rows);
    const pairs = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets["agreement.pairs"]!);
    expect(pairs[0]?.["cohenKappa.value"]).toBe(document.agreement.pairs[0].cohenKappa.value);
    const again = await runCliForTest(["export", "comparisons.jsonl", "--format", "xlsx", "--out", "book.xlsx"], {
      cwd: root,
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("book.xlsx exists; pass --force");
    const folderAgain = await runCliForTest(["export", "comparisons.jsonl", "--format", "csv", "--out", "csv"], {
      cwd: root,
    });
    expect(folderAgain.code).toBe(2);
    expect(folderAgain.stderr).toContain("csv is not empty; pass --force");
  });

  it("usage errors exit 2", async () => {
    const noFormat = await runCliForTest(["export", "comparisons.jsonl", "--out", "x"], { cwd: root });
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toContain("--format must be parquet, csv, xlsx");
    const seedAlone = await runCliForTest(
      ["export", "comparisons.jsonl", "--format", "csv", "--out", "x", "--seed", "2"],
      {
        cwd: root,
      },
    );
    expect(seedAlone.code).toBe(2);
    expect(seedAlone.stderr).toContain("--seed and --bootstrap apply to --analysis");
  });
});

describe("judgelab import of bad Parquet files", () => {
  it("a corrupt file and a file of the wrong schema exit 2 naming the file and the missing columns", async () => {
    writeFileSync(join(root, "corrupt.parquet"), Buffer.concat([Buffer.from("PAR1"), Buffer.alloc(64, 7)]));
    const corrupt = await runCliForTest(["import", "arena-battles", "corrupt.parquet", "--out", "bad"], { cwd: root });
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/corrupt\.parquet: not a readable Parquet file/);
    await runCliForTest(["export", "comparisons.jsonl", "--format", "parquet", "--out", "pq2"], { cwd: root });
    const wrong = await runCliForTest(["import", "mt-bench", "pq2/comparisons.parquet", "--out", "bad2"], {
      cwd: root,
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      "not the MT-Bench human judgments schema: missing columns question_id (string or integer), model_a (string), " +
        "model_b (string), winner (string), turn (integer (int32/int64))",
    );
  });
});
