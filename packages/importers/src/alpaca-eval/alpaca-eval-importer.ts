import { basename, dirname } from "node:path";
import { defineImporter } from "../define-importer.js";
import { ImportInputError } from "../import-input-error.js";
import type { SourceLocation } from "../import-report.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { groupInputFiles, readJsonArray, readTableRows } from "../read-source-records.js";
import {
  ALPACA_EVAL_LICENSE,
  type AlpacaEvalAnnotation,
  alpacaEvalItems,
  alpacaEvalJudge,
  alpacaEvalPreferenceForSecond,
  mapAlpacaEvalAnnotation,
} from "./map-alpaca-eval-annotation.js";

type AlpacaFileKind = "compact" | "annotations" | "instructions";

function alpacaFileKind(path: string): AlpacaFileKind | undefined {
  const name = basename(path);
  if (name === "instructions.csv") return "instructions";
  if (/annotations.*\.json$/.test(name)) return "annotations";
  if (/\.csv(\.gz)?$/.test(name) && name.includes("annotations")) return "compact";
  return undefined;
}

/** `…/results/<model>/<annotator…>/annotations.json` → results and annotator folders (else parent folders). */
export function parseAlpacaEvalAnnotationsPath(path: string): { resultsDir: string; annotatorDir: string } {
  const normalized = path.replaceAll("\\", "/");
  const match = /(?:^|\/)results\/([^/]+)\/(.+)\/[^/]+\.json$/.exec(normalized);
  if (match !== null) return { resultsDir: match[1] as string, annotatorDir: match[2] as string };
  const parent = dirname(normalized);
  return { resultsDir: basename(dirname(parent)), annotatorDir: basename(parent) };
}

interface AlpacaState {
  readonly context: CollectContext;
  readonly instructionIds: Map<string, string>;
  /** First comparison id and preference per (annotator, instruction, baseline, model). */
  readonly seen: Map<string, { id: string; preference: unknown }>;
}

/** Reason under which an annotation copied into a second results folder is skipped. */
export const COPIED_ANNOTATION_REASON =
  "the same annotation stored again under another results folder (same annotator, instruction, generators and preference; kept the first)";

/**
 * Adds one annotation. The upstream results tree holds some runs twice (a model's annotations copied into another
 * model's folder, or into a nested annotator folder): with different comparison ids but the same annotator,
 * instruction, generators and preference, the copy is skipped under {@link COPIED_ANNOTATION_REASON}, so that a
 * model's win rate and standard error count each judgment once as the leaderboard does. A differing preference
 * is a second judgment and is kept (with a warning).
 */
function addAnnotation(state: AlpacaState, annotation: AlpacaEvalAnnotation, at: SourceLocation): void {
  const { collector, report } = state.context;
  collector.addJudge(alpacaEvalJudge(annotation.annotator));
  for (const item of alpacaEvalItems(annotation)) collector.addItem(item, at);
  const comparison = mapAlpacaEvalAnnotation(annotation);
  const key = [annotation.annotator, annotation.instructionId, annotation.generator1, annotation.generator2].join(
    "\u0000",
  );
  const first = state.seen.get(key);
  if (first === undefined) state.seen.set(key, { id: comparison.id, preference: annotation.preference });
  else if (first.id !== comparison.id) {
    const same =
      (alpacaEvalPreferenceForSecond(first.preference) ?? String(first.preference)) ===
      (alpacaEvalPreferenceForSecond(annotation.preference) ?? String(annotation.preference));
    if (same) {
      report.skip(COPIED_ANNOTATION_REASON, at);
      return;
    }
    report.warn(
      "the annotator judged the same instruction and generators again under another results folder with a different preference; both kept",
      at,
    );
  }
  collector.addComparison(comparison, at);
}

const optionalNumber = (value: string | undefined) => {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
};

async function readCompactCsv(state: AlpacaState, file: string): Promise<void> {
  for await (const { at, value: row } of readTableRows(file)) {
    state.context.report.countRead(file);
    const { results_dir, annotator_dir, annotator, instruction_id, generator_1, generator_2 } = row;
    if (!results_dir || !annotator_dir || !annotator || !instruction_id || !generator_1 || !generator_2) {
      throw new ImportInputError(
        `${file}:${at.line}: not an AlpacaEval compact row (needs results_dir, annotator_dir, annotator, instruction_id, generator_1, generator_2, preference)`,
        { file },
      );
    }
    const length1 = optionalNumber(row.len_output_1);
    const length2 = optionalNumber(row.len_output_2);
    addAnnotation(
      state,
      {
        resultsDir: results_dir,
        annotatorDir: annotator_dir,
        annotator,
        instructionId: instruction_id,
        generator1: generator_1,
        generator2: generator_2,
        preference: row.preference,
        ...(row.dataset ? { dataset: row.dataset } : {}),
        ...(row.shown_first ? { shownFirst: row.shown_first } : {}),
        ...(length1 === undefined ? {} : { length1 }),
        ...(length2 === undefined ? {} : { length2 }),
      },
      at,
    );
  }
}

async function readInstructions(state: AlpacaState, file: string): Promise<void> {
  for await (const { value: row } of readTableRows(file)) {
    if (row.instruction !== undefined && row.instruction_id !== undefined) {
      state.instructionIds.set(row.instruction, row.instruction_id);
    }
  }
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const nonNegative = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;

async function readAnnotationsJson(state: AlpacaState, file: string): Promise<void> {
  const { resultsDir, annotatorDir } = parseAlpacaEvalAnnotationsPath(file);
  let usedIndex = false;
  for await (const { at, value } of readJsonArray(file)) {
    state.context.report.countRead(file);
    const record = (value ?? {}) as Record<string, unknown>;
    const generator1 = text(record.generator_1);
    const generator2 = text(record.generator_2);
    const annotator = text(record.annotator) ?? annotatorDir;
    if (generator1 === undefined || generator2 === undefined) {
      state.context.report.skip("annotation without generator_1/generator_2", at);
      continue;
    }
    const instruction = text(record.instruction);
    let instructionId = instruction === undefined ? undefined : state.instructionIds.get(instruction);
    if (instructionId === undefined) {
      instructionId = String(at.index);
      usedIndex = true;
    }
    const dataset = text(record.dataset);
    const costUsd = nonNegative(record.price_per_example);
    const seconds = nonNegative(record.time_per_example);
    const output1 = text(record.output_1);
    const output2 = text(record.output_2);
    addAnnotation(
      state,
      {
        resultsDir,
        annotatorDir,
        annotator,
        instructionId,
        generator1,
        generator2,
        preference: record.preference,
        ...(dataset === undefined ? {} : { dataset }),
        ...(output1 === undefined ? {} : { output1 }),
        ...(output2 === undefined ? {} : { output2 }),
        ...(costUsd === undefined ? {} : { costUsd }),
        ...(seconds === undefined ? {} : { seconds }),
      },
      at,
    );
  }
  if (usedIndex) {
    state.context.report.warn(
      "instruction not found in instructions.csv (or none given): instruction id taken from the position in annotations.json",
      { file },
    );
  }
}

async function collectAlpacaEval(context: CollectContext): Promise<ManifestFields> {
  const byKind = await groupInputFiles(context.inputs, {
    kinds: ["instructions", "compact", "annotations"],
    classify: alpacaFileKind,
    expected: "an AlpacaEval file (expected annotations_compact.csv[.gz], annotations.json or instructions.csv)",
  });
  const state: AlpacaState = { context, instructionIds: new Map(), seen: new Map() };
  for (const file of byKind.instructions) await readInstructions(state, file);
  for (const file of byKind.compact) await readCompactCsv(state, file);
  for (const file of byKind.annotations) await readAnnotationsJson(state, file);
  if (byKind.compact.length > 0) {
    context.report.note(
      "compact CSV: presentation order from shown_first, recomputed upstream-side from AlpacaEval's seeded shuffle (checked on one annotator: 802/803 agree; unverified for AlpacaEval 1 files)",
    );
  }
  if (byKind.annotations.length > 0) {
    context.report.note(
      "annotations.json records no presentation order: order unknown, first/second = output_1/output_2",
    );
  }
  if (byKind.compact.length > 0 && byKind.annotations.length > 0) {
    context.report.note(
      "annotations.json records that repeat compact CSV rows add output texts; their judgments are counted as skipped (agreeing or conflicting)",
    );
  }
  context.report.note(
    "preference = preference for the second-shown item in [0, 1] (upstream p = preference − 1, tie code 0 → 0.5)",
  );
  return {
    name: "alpaca-eval",
    description: "AlpacaEval annotations: models vs a fixed baseline on 805 instructions, several LLM annotators",
    license: ALPACA_EVAL_LICENSE,
    source: "https://github.com/tatsu-lab/alpaca_eval",
  };
}

/** AlpacaEval: the compact annotations CSV and upstream `results/<model>/<annotator>/annotations.json` files. */
export const alpacaEvalImporter = defineImporter({
  format: "alpaca-eval",
  description:
    "AlpacaEval annotations_compact.csv[.gz] and results/<model>/<annotator>/annotations.json (+ instructions.csv for ids)",
  license: ALPACA_EVAL_LICENSE,
  collect: collectAlpacaEval,
});
