import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repository = resolve(import.meta.dirname, "../../../..");
const items = ["a", "b", "c", "d", "e", "f"];

describe("docs/examples/dataframes.ts", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "judgelab-dataframes-example-"));
    // 3 judges judge the same 30 ordered pairs: the better item (lower index) wins unless (i + judge) % 4 === 0.
    const comparisons = [];
    for (let judge = 0; judge < 3; judge++) {
      for (let i = 0; i < 30; i++) {
        const first = items[i % 6]!;
        const second = items[(i + 1 + (i % 5)) % 6]!;
        if (first === second) continue;
        const betterFirst = items.indexOf(first) < items.indexOf(second);
        const upset = (i + judge) % 4 === 0;
        const verdict = betterFirst !== upset ? "first" : "second";
        comparisons.push({ id: `j${judge}-${i}`, first, second, order: "known", verdict, judge: `judge-${judge}` });
      }
    }
    await writeFile(join(dir, "comparisons.jsonl"), comparisons.map((c) => `${JSON.stringify(c)}\n`).join(""));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("runs on a dataset and prints the ratings, the metrics tables and a cross-table group-by", async () => {
    const tsx = join(repository, "node_modules", ".bin", "tsx");
    const { stdout } = await promisify(execFile)(
      tsx,
      ["--conditions=source", "docs/examples/dataframes.ts", join(dir, "comparisons.jsonl"), "20"],
      { cwd: repository, timeout: 170_000 },
    );
    expect(stdout).toContain("## ratings (Bradley–Terry, top 5)");
    expect(stdout).toMatch(/## \d+ metrics tables: metrics, dataset\.judges, agreement\.pairs,/);
    expect(stdout).toContain("stability.perJudge.leaderboard.rows.rows");
    expect(stdout).toContain("## items the judges rate most differently");
    // Item a is never beaten except by upsets: it leads the Bradley–Terry table.
    expect(stdout.split("## ratings")[1]?.split("\n")[4]).toMatch(/║ 0 +│ a +│/);
    expect(stdout).toMatch(/judge-0 +│ first +│ \d+/);
  }, 180_000);
});
