import { basename, dirname } from "node:path";
import { defineImporter } from "../define-importer.js";
import { ImportInputError } from "../import-input-error.js";
import type { SourceLocation } from "../import-report.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { groupInputFiles, readJsonArray, readTableRows } from "../read-source-records.js";
import {
  LLMBAR_GOLD_JUDGE,
  type LlmbarJudgeMode,
  type LlmbarJudgment,
  llmbarItems,
  llmbarJudge,
  mapLlmbarGold,
  mapLlmbarJudgment,
} from "./map-llmbar-judgment.js";

type LlmbarFileKind = "verdicts" | "dataset" | "result";

function llmbarFileKind(path: string): LlmbarFileKind | undefined {
  const name = basename(path);
  if (name === "result.json") return "result";
  if (name === "dataset.json") return "dataset";
  if (/\.csv(\.gz)?$/i.test(name)) return "verdicts";
  return undefined;
}

/** `Dataset/LLMBar/Natural/evaluators/GPT-4/Vanilla/result.json` → subset `LLMBar/Natural`, evaluator, strategy. */
export function parseLlmbarResultPath(path: string): { subset: string; evaluator: string; strategy: string } {
  const match = /(?:^|\/)(?:Dataset\/(.+)|([^/]+))\/evaluators\/([^/]+)\/([^/]+)\/result\.json$/.exec(
    path.replaceAll("\\", "/"),
  );
  if (match === null) {
    throw new ImportInputError(
      `${path}: an LLMBar result.json must sit at <subset>/evaluators/<evaluator>/<strategy>/result.json`,
      { file: path },
    );
  }
  return { subset: (match[1] ?? match[2]) as string, evaluator: match[3] as string, strategy: match[4] as string };
}

/** `Dataset/LLMBar/Adversarial/Neighbor/dataset.json` → `LLMBar/Adversarial/Neighbor` (else the parent folder). */
export function parseLlmbarDatasetPath(path: string): string {
  const normalized = path.replaceAll("\\", "/");
  const match = /(?:^|\/)Dataset\/(.+)\/dataset\.json$/.exec(normalized);
  return match === null ? basename(dirname(normalized)) : (match[1] as string);
}

interface LlmbarState {
  readonly context: CollectContext;
  readonly judgeMode: LlmbarJudgeMode;
  readonly goldPairs: Map<string, unknown>;
}

function addGold(state: LlmbarState, subset: string, idx: number, label: unknown, at: SourceLocation): void {
  const key = `${subset}/${idx}`;
  const known = state.goldPairs.get(key);
  if (known !== undefined) {
    if (String(known) !== String(label))
      state.context.report.warn("gold label differs between files; kept the first", at);
    return;
  }
  state.goldPairs.set(key, label);
  const { comparison, reference } = mapLlmbarGold(subset, idx, label);
  state.context.collector.addComparison(comparison, at);
  if (reference !== undefined) state.context.collector.addReference(reference);
}

function addJudgment(state: LlmbarState, judgment: LlmbarJudgment, at: SourceLocation): void {
  const { collector } = state.context;
  collector.addJudge(llmbarJudge(judgment.evaluator, judgment.strategy, state.judgeMode));
  for (const item of llmbarItems(judgment.subset, judgment.idx)) collector.addItem(item, at);
  for (const comparison of mapLlmbarJudgment(judgment, state.judgeMode)) collector.addComparison(comparison, at);
}

async function readVerdictsCsv(state: LlmbarState, file: string): Promise<void> {
  for await (const { at, value: row } of readTableRows(file)) {
    state.context.report.countRead(file);
    const idx = Number(row.idx);
    if (
      row.subset === undefined ||
      row.evaluator === undefined ||
      row.strategy === undefined ||
      !Number.isInteger(idx)
    ) {
      throw new ImportInputError(
        `${file}:${at.line}: not an LLMBar verdicts row (needs subset, evaluator, strategy, idx, label, winner_orig, winner_swap)`,
        { file },
      );
    }
    const attempts = Number(row.n_results);
    addJudgment(
      state,
      {
        subset: row.subset,
        evaluator: row.evaluator,
        strategy: row.strategy,
        idx,
        winnerOriginal: row.winner_orig,
        winnerSwapped: row.winner_swap,
        ...(Number.isInteger(attempts) ? { attempts } : {}),
      },
      at,
    );
    addGold(state, row.subset, idx, row.label, at);
  }
}

function asRecord(value: unknown, at: SourceLocation): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ImportInputError(`${at.file}: element ${at.index}: expected an object`, { file: at.file });
  }
  return value as Record<string, unknown>;
}

function addTexts(
  state: LlmbarState,
  subset: string,
  idx: number,
  record: Record<string, unknown>,
  at: SourceLocation,
) {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const output1 = text(record.output_1);
  const output2 = text(record.output_2);
  for (const item of llmbarItems(subset, idx, {
    ...(output1 === undefined ? {} : { output1 }),
    ...(output2 === undefined ? {} : { output2 }),
  })) {
    state.context.collector.addItem(item, at);
  }
  if (record.label !== undefined) addGold(state, subset, idx, record.label, at);
}

async function readDatasetJson(state: LlmbarState, file: string): Promise<void> {
  const subset = parseLlmbarDatasetPath(file);
  for await (const { at, value } of readJsonArray(file)) {
    state.context.report.countRead(file);
    addTexts(state, subset, at.index as number, asRecord(value, at), at);
  }
}

function lastAttempt(record: Record<string, unknown>): Record<string, unknown> | undefined {
  const results = record.results;
  if (!Array.isArray(results) || results.length === 0) return undefined;
  const last = results[results.length - 1];
  return last !== null && typeof last === "object" ? (last as Record<string, unknown>) : undefined;
}

function orderResult(attempt: Record<string, unknown>, key: string): { winner: unknown; rationale?: string } {
  const entry = attempt[key];
  if (entry === null || typeof entry !== "object") return { winner: undefined };
  const { winner, completion } = entry as { winner?: unknown; completion?: unknown };
  const text = Array.isArray(completion) && typeof completion[0] === "string" ? completion[0] : undefined;
  return { winner: winner ?? null, ...(text === undefined ? {} : { rationale: text }) };
}

function firstScore(value: unknown): number | undefined {
  const score = Array.isArray(value) ? Number(value[0]) : Number.NaN;
  return Number.isFinite(score) ? score : undefined;
}

async function readResultJson(state: LlmbarState, file: string): Promise<void> {
  const { subset, evaluator, strategy } = parseLlmbarResultPath(file);
  for await (const { at, value } of readJsonArray(file)) {
    state.context.report.countRead(file);
    const record = asRecord(value, at);
    const idx = at.index as number;
    addTexts(state, subset, idx, record, at);
    const attempt = lastAttempt(record);
    if (attempt === undefined) {
      state.context.report.skip("result.json record without results", at);
      continue;
    }
    const original = orderResult(attempt, "swap = False");
    const swapped = orderResult(attempt, "swap = True");
    const score1 = firstScore(attempt.score_1);
    const score2 = firstScore(attempt.score_2);
    addJudgment(
      state,
      {
        subset,
        evaluator,
        strategy,
        idx,
        winnerOriginal: original.winner,
        winnerSwapped: swapped.winner,
        ...(original.rationale === undefined ? {} : { rationaleOriginal: original.rationale }),
        ...(swapped.rationale === undefined ? {} : { rationaleSwapped: swapped.rationale }),
        attempts: (record.results as unknown[]).length,
        ...(score1 === undefined || score2 === undefined ? {} : { scores: [score1, score2] as const }),
      },
      at,
    );
  }
}

async function collectLlmbar(context: CollectContext): Promise<ManifestFields> {
  const byKind = await groupInputFiles(context.inputs, {
    kinds: ["verdicts", "dataset", "result"],
    classify: llmbarFileKind,
    expected: "an LLMBar file (expected verdicts_all.csv[.gz], <subset>/dataset.json or .../result.json)",
  });
  const judgeMode = context.settings.judges ?? "runs";
  if (judgeMode !== "runs" && judgeMode !== "evaluators") {
    throw new ImportInputError(`--set judges must be runs or evaluators, got "${judgeMode}"`);
  }
  const state: LlmbarState = { context, judgeMode, goldPairs: new Map() };
  context.collector.addJudge(LLMBAR_GOLD_JUDGE);
  for (const file of byKind.verdicts) await readVerdictsCsv(state, file);
  for (const file of byKind.dataset) await readDatasetJson(state, file);
  for (const file of byKind.result) await readResultJson(state, file);
  if (byKind.verdicts.length > 0 && byKind.result.length > 0) {
    context.report.note(
      "runs in both the verdicts CSV and result.json files: verdicts from the CSV (read first); result.json adds texts and rationales, and its repeated judgments are counted as skipped (agreeing or conflicting)",
    );
  }
  context.report.note(
    'each judgment is two comparisons (swap = False shows output_1 first, swap = True output_2 first) sharing a matchId; the gold label is a comparison by judge "gold" (order unknown) and a pair reference',
  );
  return {
    name: "llmbar",
    description:
      "LLMBar (Zeng et al., ICLR 2024): LLM judges × prompting strategies on output pairs, both orders, gold labels",
    license: "MIT",
    source: "https://github.com/princeton-nlp/LLMBar",
  };
}

/** LLMBar: `verdicts_all.csv[.gz]`, `Dataset/<subset>/dataset.json` and `.../evaluators/<judge>/<strategy>/result.json`. */
export const llmbarImporter = defineImporter({
  format: "llmbar",
  description:
    "LLMBar verdicts_all.csv[.gz], <subset>/dataset.json texts and evaluators/<judge>/<strategy>/result.json runs (folders are searched)",
  license: "MIT",
  settings: {
    judges:
      "runs (default: one judge per evaluator × strategy, e.g. GPT-4/CoT) | evaluators (one judge per evaluator; the strategy stays in condition, for comparing strategies)",
  },
  collect: collectLlmbar,
});
