import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRandomSource } from "@judgelab/ratings";

/**
 * A panel tournament with every complication the cells must reproduce: items.jsonl in an order unlike the
 * comparisons' (and one item never compared), matches of one to three judgments, rows without a matchId,
 * unknown presentation orders, ties and invalid verdicts; the third judge is of kind gold (a label source).
 */
export function writePanelDataset(dir: string): void {
  const random = createRandomSource(11);
  const items = Array.from({ length: 9 }, (_, i) => `model-${(i * 4) % 9}`);
  const strength = new Map(items.map((id, i) => [id, (i - 4) / 3]));
  const judges = ["judge-a", "judge-b", "judge-c"];
  const kinds = ["llm", "llm", "gold"];
  const lines: string[] = [];
  let id = 0;
  for (let match = 0; match < 160; match++) {
    const a = items[Math.floor(random.next() * 8)] as string;
    let b = items[Math.floor(random.next() * 7)] as string;
    if (b === a) b = items[8 - 1] === a ? (items[0] as string) : (items[7] as string);
    const panel = 1 + Math.floor(random.next() * 3);
    for (let k = 0; k < panel; k++) {
      const [first, second] = random.next() < 0.5 ? [a, b] : [b, a];
      const p = 1 / (1 + Math.exp(-((strength.get(first) as number) - (strength.get(second) as number) + 0.2)));
      const u = random.next();
      const verdict = u < 0.03 ? "invalid" : Math.abs(u - p) < 0.08 ? "tie" : u < p ? "first" : "second";
      lines.push(
        JSON.stringify({
          id: `c${id++}`,
          first,
          second,
          order: random.next() < 0.15 ? "unknown" : "known",
          verdict,
          judge: judges[k],
          ...(match % 10 === 0 ? {} : { matchId: `m${match}` }),
        }),
      );
    }
  }
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name: "panel" }));
  const listed = [...items.slice(0, 8)].reverse().concat(["never-compared"]);
  writeFileSync(join(dir, "items.jsonl"), listed.map((item) => `${JSON.stringify({ id: item })}\n`).join(""));
  writeFileSync(
    join(dir, "judges.jsonl"),
    judges.map((j, k) => `${JSON.stringify({ id: j, kind: kinds[k] })}\n`).join(""),
  );
  writeFileSync(join(dir, "comparisons.jsonl"), `${lines.join("\n")}\n`);
}
