import type { ComparisonTable } from "@judgelab/datasets";
import type { GoldLabels } from "../agreement/gold-labels.js";
import type { AssessmentColumns, ItemInfo, JudgeInfo } from "../analysis-input.js";
import type { BiasesSection, ResolvedAnalysisOptions } from "../metrics-document.js";
import type { PairUnits } from "../pair-units.js";
import { unavailable } from "../section.js";
import { measureJudgeByWriter } from "./measure-judge-by-writer.js";
import { measureLengthBias } from "./measure-length-bias.js";
import { measureLeniency } from "./measure-leniency.js";
import { measureSelfPreference } from "./measure-self-preference.js";

/** The biases section: each part is unavailable when its per-item or per-judge inputs are missing. */
export function measureBiases(options: {
  table: ComparisonTable;
  units: PairUnits;
  items: ItemInfo | undefined;
  judges: JudgeInfo | undefined;
  assessments: AssessmentColumns | undefined;
  gold: GoldLabels | undefined;
  exclude: ReadonlySet<number>;
  options: ResolvedAnalysisOptions;
}): BiasesSection & { available: true } {
  const { table, units, items, judges, assessments, gold, exclude } = options;
  const hasLength = (values: ArrayLike<number>) => Array.prototype.some.call(values, Number.isFinite);
  const length = items?.length !== undefined && hasLength(items.length) ? items.length : undefined;
  const producerFamily = items?.producerFamily;
  const judgeFamily = judges?.family;
  const lengthRows =
    length === undefined
      ? []
      : measureLengthBias({ table, length, threshold: options.options.lengthThreshold, exclude });
  const selfRows =
    producerFamily === undefined || judgeFamily === undefined
      ? []
      : measureSelfPreference({ table, units, producerFamily, judgeFamily, exclude });
  const writerCells =
    producerFamily === undefined || gold === undefined
      ? []
      : measureJudgeByWriter({ table, units, gold, producerFamily });
  const leniencyRows = assessments === undefined ? [] : measureLeniency(assessments, table.judgeIds);
  return {
    available: true,
    length:
      lengthRows.length === 0
        ? unavailable(
            length === undefined
              ? "no item lengths"
              : "no decided comparison with a length difference above the threshold",
          )
        : { available: true, threshold: options.options.lengthThreshold, perJudge: lengthRows },
    selfPreference:
      selfRows.length === 0
        ? unavailable("needs item producer families, judge families, and comparisons with one own-family item")
        : { available: true, perJudge: selfRows },
    judgeByWriter:
      writerCells.length === 0
        ? unavailable("needs gold labels and pairs whose two items were written by the same model family")
        : { available: true, cells: writerCells },
    leniency:
      leniencyRows.length === 0 ? unavailable("no pointwise assessments") : { available: true, perJudge: leniencyRows },
  };
}
