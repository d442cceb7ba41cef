import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDuckDbSession, sqlString } from "@judgelab/engine-duckdb";
import { createRandomSource } from "@judgelab/ratings";
import { itWithSharedData, sharedDataPath } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "../paths.js";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-rate-engine-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const tournament = join(root, "tournament");
const parquet = join(root, "comparisons.parquet");

/** 30 items with known strengths, 2,000 comparisons by three judges, half of the matches judged twice, some ties. */
function writeTournament(): void {
  const random = createRandomSource(5);
  const lines: string[] = [];
  let id = 0;
  for (let match = 0; match < 1400; match++) {
    const a = Math.floor(random.next() * 30);
    const b = (a + 1 + Math.floor(random.next() * 29)) % 30;
    for (let k = 0; k < (match % 2 === 0 ? 2 : 1); k++) {
      const [first, second] = k === 0 ? [a, b] : [b, a];
      const p = 1 / (1 + Math.exp(-(first - second) / 8));
      const u = random.next();
      const verdict = Math.abs(u - p) < 0.05 ? "tie" : u < p ? "first" : "second";
      const judge = ["j1", "j2", "j3"][id % 3];
      lines.push(
        JSON.stringify({
          id: `c${id++}`,
          first: `i${first}`,
          second: `i${second}`,
          order: "known",
          verdict,
          judge,
          matchId: `m${match}`,
        }),
      );
    }
  }
  mkdirSync(tournament);
  writeFileSync(join(tournament, "dataset.json"), JSON.stringify({ schemaVersion: 1, name: "tournament" }));
  // items.jsonl in reverse code order, some with a title: the item codes and titles both engines must agree on.
  const items = Array.from({ length: 30 }, (_, i) => ({
    id: `i${29 - i}`,
    ...(i % 4 === 0 ? { title: `Item ${29 - i}` } : {}),
  }));
  writeFileSync(join(tournament, "items.jsonl"), items.map((item) => `${JSON.stringify(item)}\n`).join(""));
  writeFileSync(join(tournament, "comparisons.jsonl"), `${lines.join("\n")}\n`);
}

beforeAll(async () => {
  writeTournament();
  const session = await openDuckDbSession({ threads: 1 });
  await session.run(
    `COPY (SELECT * FROM read_json(${sqlString(join(tournament, "comparisons.jsonl"))})) TO ${sqlString(parquet)} (FORMAT parquet)`,
  );
  session.close();
});

describe("judgelab rate --engine", () => {
  const optionSets = [
    ["--bootstrap", "60", "--seed", "3"],
    ["--bootstrap", "40", "--order-effect", "--cluster", "pair"],
    ["--bootstrap", "40", "--intervals", "sandwich"],
    ["--bootstrap", "0", "--ties", "davidson", "--anchor", "i3=1000"],
    ["--bootstrap", "30", "--by", "judge"],
  ];
  for (const extra of optionSets) {
    it(`prints the same JSON with duckdb as in memory: ${extra.join(" ")}`, async () => {
      const memory = await runCliForTest([
        "rate",
        tournament,
        "--method",
        "bt",
        "--json",
        "--engine",
        "memory",
        ...extra,
      ]);
      const duck = await runCliForTest([
        "rate",
        tournament,
        "--method",
        "bt",
        "--json",
        "--engine",
        "duckdb",
        ...extra,
      ]);
      expect(memory.stderr).toBe("");
      expect(memory.code).toBe(0);
      expect(duck.code).toBe(0);
      expect(duck.stdout).toBe(memory.stdout);
      expect(duck.stderr).toMatch(/engine duckdb \(--engine duckdb\)/);
    });
  }

  it("prints the same table for the committed seed page (titles, judges.jsonl, the default prior)", async () => {
    const seedPage = join(repositoryRoot(), "datasets/seed-page");
    const memory = await runCliForTest(["rate", seedPage, "--method", "bt", "--bootstrap", "50", "--engine", "memory"]);
    const duck = await runCliForTest(["rate", seedPage, "--method", "bt", "--bootstrap", "50", "--engine", "duckdb"]);
    expect(memory.code).toBe(0);
    expect(duck.stdout).toBe(memory.stdout);
  });

  itWithSharedData(
    "datasets/arena_hard_auto",
    "prints the same JSON for the shared Arena-Hard battles (1,348 comparisons, imported)",
    async () => {
      const battles = sharedDataPath("datasets/arena_hard_auto/arena_hard_battles_undocumented.jsonl");
      const imported = await runCliForTest(["import", "arena-battles", battles, "--out", join(root, "arena-hard")]);
      expect(imported.code).toBe(0);
      const args = ["rate", join(root, "arena-hard"), "--method", "bt", "--json", "--bootstrap", "100"];
      const memory = await runCliForTest([...args, "--engine", "memory"]);
      const duck = await runCliForTest([...args, "--engine", "duckdb"]);
      expect(memory.code).toBe(0);
      expect(JSON.parse(memory.stdout).comparisons).toBeGreaterThan(1000);
      expect(duck.stdout).toBe(memory.stdout);
    },
  );

  it("auto reads a Parquet file with DuckDB, with the ratings of the same JSONL in memory", async () => {
    const memory = await runCliForTest([
      "rate",
      join(tournament, "comparisons.jsonl"),
      "--method",
      "bt",
      "--json",
      "--bootstrap",
      "30",
    ]);
    const duck = await runCliForTest(["rate", parquet, "--method", "bt", "--json", "--bootstrap", "30"]);
    expect(memory.stderr).toBe("");
    expect(duck.stderr).toMatch(/engine duckdb \(a Parquet file \(auto\)\)/);
    expect(duck.stdout).toBe(memory.stdout);
  });

  it("refuses, with exit 2, what needs the rows under --engine duckdb", async () => {
    const elo = await runCliForTest(["rate", tournament, "--method", "elo", "--engine", "duckdb"]);
    expect(elo.code).toBe(2);
    expect(elo.stderr).toMatch(/method "elo" needs them: use --engine memory/);
    const where = await runCliForTest([
      "rate",
      tournament,
      "--method",
      "bt",
      "--engine",
      "duckdb",
      "--where",
      "judge=j1",
    ]);
    expect(where.code).toBe(2);
    expect(where.stderr).toMatch(/--where needs them/);
    const parquetInMemory = await runCliForTest(["rate", parquet, "--method", "bt", "--engine", "memory"]);
    expect(parquetInMemory.code).toBe(2);
    expect(parquetInMemory.stderr).toMatch(/the in-memory engine reads JSONL only/);
    const limit = await runCliForTest(["rate", tournament, "--method", "bt", "--engine", "duckdb"], {
      env: { JUDGELAB_DUCKDB_MEMORY_LIMIT: "lots" },
    });
    expect(limit.code).toBe(2);
    expect(limit.stderr).toMatch(/JUDGELAB_DUCKDB_MEMORY_LIMIT must look like 2GB/);
    const bad = await runCliForTest(["rate", tournament, "--method", "bt", "--engine", "sql"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--engine takes auto, memory or duckdb, got "sql"/);
  });

  it("names the row and field of a bad comparison (exit 2)", async () => {
    const file = join(root, "bad.jsonl");
    writeFileSync(
      file,
      `${JSON.stringify({ id: "x", first: "a", second: "b", order: "known", verdict: "won", judge: "j" })}\n`,
    );
    const result = await runCliForTest(["rate", file, "--method", "bt", "--engine", "duckdb"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.jsonl: row 1: verdict: expected "first"/);
  });
});
