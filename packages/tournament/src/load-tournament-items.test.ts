import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ItemsSourceError, loadTournamentItems } from "./load-tournament-items.js";
import type { TournamentConfig } from "./tournament-config.js";

function configWithFile(file: string): TournamentConfig {
  return { items: { file } } as unknown as TournamentConfig;
}

describe("loadTournamentItems from an items JSONL file", () => {
  it("keeps unknown top-level fields under metadata, as the dataset validator does", async () => {
    const dir = await mkdtemp(join(tmpdir(), "judgelab-items-"));
    const file = join(dir, "items.jsonl");
    await writeFile(file, `${JSON.stringify({ id: "a", title: "A", venue: "ICLR" })}\n{"id":"b"}\n`);
    const items = await loadTournamentItems(configWithFile(file), dir);
    expect(items.map((item) => item.id)).toEqual(["a", "b"]);
    expect(items[0]?.metadata).toEqual({ venue: "ICLR" });
  });

  it("names the file, line and field of an invalid record", async () => {
    const dir = await mkdtemp(join(tmpdir(), "judgelab-items-"));
    const file = join(dir, "items.jsonl");
    await writeFile(file, `{"id":"a"}\n{"id":"b","title":3}\n`);
    const error = await loadTournamentItems(configWithFile(file), dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ItemsSourceError);
    expect((error as Error).message).toMatch(/items\.jsonl:2: title: /);
  });
});
