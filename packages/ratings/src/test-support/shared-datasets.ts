import { readFileSync } from "node:fs";
import { hasSharedData, sharedDataPath } from "@judgelab/test-shared-data";
import type { PairwiseOutcomes } from "../pairwise-outcomes.js";

/** Path of a file in shared/datasets/bradleyterry2 (tests skip when the folder is absent, fail under CI=true). */
export function bradleyTerry2File(name: string): string {
  return sharedDataPath("datasets", "bradleyterry2", name);
}

export const hasBradleyTerry2 = hasSharedData("datasets/bradleyterry2");

/** Parses a small R-written CSV (quoted strings, no embedded commas or quotes). */
export function readRCsv(file: string): Record<string, string>[] {
  const lines = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map(unquote);
  return lines.slice(1).map((line) => {
    const cells = line.split(",").map(unquote);
    return Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ""]));
  });
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/**
 * Expands binomial count rows (player1, player2, wins1, wins2) into one comparison per win, player1 shown first
 * (BradleyTerry2's player1 is the home team in the baseball data).
 */
export function outcomesFromCounts(
  rows: { first: string; second: string; firstWins: number; secondWins: number; ties?: number }[],
): PairwiseOutcomes {
  const itemIds = [...new Set(rows.flatMap((row) => [row.first, row.second]))].sort();
  const code = new Map(itemIds.map((id, index) => [id, index]));
  const first: number[] = [];
  const second: number[] = [];
  const verdict: number[] = [];
  for (const row of rows) {
    const push = (count: number, value: number): void => {
      for (let k = 0; k < count; k++) {
        first.push(code.get(row.first) as number);
        second.push(code.get(row.second) as number);
        verdict.push(value);
      }
    };
    push(row.firstWins, 0);
    push(row.secondWins, 1);
    push(row.ties ?? 0, 2);
  }
  return {
    size: first.length,
    itemIds,
    first: Int32Array.from(first),
    second: Int32Array.from(second),
    verdict: Uint8Array.from(verdict),
  };
}
