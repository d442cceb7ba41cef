import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll } from "vitest";

/** A temporary folder for one test file, removed after its tests. */
export function useTempDir(prefix: string): {
  path: (...parts: string[]) => string;
  write: (name: string, content: string | Buffer) => string;
} {
  const root = mkdtempSync(join(tmpdir(), `judgelab-${prefix}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return {
    path: (...parts) => join(root, ...parts),
    write: (name, content) => {
      const file = join(root, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, name.endsWith(".gz") ? gzipSync(content) : content);
      return file;
    },
  };
}

/** JSON Lines text of some records, each line terminated. */
export function jsonl(...records: unknown[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join("");
}

/** A valid comparison record with overrides. */
export function comparison(id: string, first: string, second: string, overrides: Record<string, unknown> = {}) {
  return { id, first, second, order: "known", verdict: "first", judge: "j1", ...overrides };
}

/** Writes a small valid dataset folder: 3 items, 2 judges, 3 comparisons; `files` overrides file contents. */
export function writeDatasetFixture(
  temp: ReturnType<typeof useTempDir>,
  name: string,
  files: Record<string, string | null> = {},
): string {
  const defaults: Record<string, string> = {
    "dataset.json": `${JSON.stringify({ schemaVersion: 1, name })}\n`,
    "items.jsonl": jsonl({ id: "a", title: "A" }, { id: "b", title: "B" }, { id: "c", title: "C" }),
    "judges.jsonl": jsonl({ id: "j1", kind: "llm", family: "gpt" }, { id: "j2", kind: "human" }),
    "comparisons.jsonl": jsonl(
      comparison("c1", "a", "b"),
      comparison("c2", "b", "c", { verdict: "second", judge: "j2" }),
      comparison("c3", "c", "a", { verdict: "tie", matchId: "m1", createdAt: "2026-05-05" }),
    ),
  };
  for (const [file, content] of Object.entries({ ...defaults, ...files })) {
    if (content !== null) temp.write(`${name}/${file}`, content);
  }
  return temp.path(name);
}
