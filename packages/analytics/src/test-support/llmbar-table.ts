import type { ComparisonTable } from "@judgelab/datasets";
import type { ReferenceColumns } from "../analysis-input.js";
import { buildTable, type TableRow } from "./build-table.js";
import { parseCsv, readSharedText } from "./shared-datasets.js";

/** One LLMBar run's verdict row from `llmbar/verdicts_all.csv.gz` (derived, one row per judged pair). */
export interface LlmbarVerdict {
  readonly subset: string;
  readonly evaluator: string;
  readonly strategy: string;
  readonly idx: string;
  readonly label: string;
  readonly winnerOriginal: string;
  readonly winnerSwapped: string;
}

/** Reads every LLMBar verdict (40,413 rows, 499 runs). */
export function readLlmbarVerdicts(): LlmbarVerdict[] {
  return parseCsv(readSharedText("llmbar/verdicts_all.csv.gz")).map((row) => ({
    subset: row.subset!,
    evaluator: row.evaluator!,
    strategy: row.strategy!,
    idx: row.idx!,
    label: row.label!,
    winnerOriginal: row.winner_orig!,
    winnerSwapped: row.winner_swap!,
  }));
}

/** The run name used as judge id: `<subset>|<evaluator>|<strategy>`. */
export function llmbarRunName(verdict: LlmbarVerdict): string {
  return `${verdict.subset}|${verdict.evaluator}|${verdict.strategy}`;
}

/**
 * Encodes LLMBar verdicts as a comparison table: items `<subset>#<idx>#1|2` (output_1 gets the lower code),
 * one judge per run, swap=False rows show output_1 first, swap=True rows show output_2 first; `winner` is
 * in the original numbering ("1"/"2"; anything else = unparsed → invalid). Gold labels as pair references.
 */
export function buildLlmbarTable(
  verdicts: readonly LlmbarVerdict[],
  orders: { original: boolean; swapped: boolean } = { original: true, swapped: true },
): { table: ComparisonTable; references: ReferenceColumns } {
  const rows: TableRow[] = [];
  const itemIds: string[] = [];
  for (const verdict of verdicts) {
    const one = `${verdict.subset}#${verdict.idx}#1`;
    const two = `${verdict.subset}#${verdict.idx}#2`;
    itemIds.push(one, two);
    const judge = llmbarRunName(verdict);
    if (orders.original) {
      const winner = verdict.winnerOriginal;
      rows.push({
        first: one,
        second: two,
        judge,
        verdict: winner === "1" ? "first" : winner === "2" ? "second" : "invalid",
      });
    }
    if (orders.swapped) {
      const winner = verdict.winnerSwapped;
      rows.push({
        first: two,
        second: one,
        judge,
        verdict: winner === "2" ? "first" : winner === "1" ? "second" : "invalid",
      });
    }
  }
  const table = buildTable(rows, { itemIds: [...new Set(itemIds)] });
  const code = new Map(table.itemIds.map((id, index) => [id, index]));
  const labelled = new Map<string, number>();
  for (const verdict of verdicts) labelled.set(`${verdict.subset}#${verdict.idx}`, verdict.label === "1" ? 0 : 1);
  const keys = [...labelled.keys()];
  return {
    table,
    references: {
      name: "LLMBar gold",
      pairs: {
        a: Int32Array.from(keys, (key) => code.get(`${key}#1`)!),
        b: Int32Array.from(keys, (key) => code.get(`${key}#2`)!),
        winner: Uint8Array.from(keys, (key) => labelled.get(key)!),
        prompt: new Int32Array(keys.length).fill(-1),
      },
    },
  };
}
