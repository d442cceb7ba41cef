import { alpacaEvalImporter } from "./alpaca-eval/alpaca-eval-importer.js";
import { arenaBattlesImporter } from "./arena-battles/arena-battles-importer.js";
import { arenaHardImporter } from "./arena-hard/arena-hard-importer.js";
import { btCountsImporter } from "./bt-counts/bt-counts-importer.js";
import { csvImporter, genericParquetImporter, jsonlImporter } from "./generic/generic-importers.js";
import type { Importer } from "./importer.js";
import { judgingTheJudgesImporter } from "./judging-the-judges/judging-the-judges-importer.js";
import { kurateImporter } from "./kurate/kurate-importer.js";
import { llmbarImporter } from "./llmbar/llmbar-importer.js";
import { mtBenchImporter } from "./mt-bench/mt-bench-importer.js";
import { pandalmImporter } from "./pandalm/pandalm-importer.js";
import { vicunaReviewsImporter } from "./vicuna-reviews/vicuna-reviews-importer.js";

/** Every importer, by format name. */
export const IMPORTERS: Readonly<Record<string, Importer>> = Object.fromEntries(
  [
    llmbarImporter,
    pandalmImporter,
    alpacaEvalImporter,
    judgingTheJudgesImporter,
    vicunaReviewsImporter,
    btCountsImporter,
    arenaBattlesImporter,
    mtBenchImporter,
    arenaHardImporter,
    kurateImporter,
    jsonlImporter,
    csvImporter,
    genericParquetImporter,
  ].map((importer) => [importer.format, importer]),
);

/** The importer of a format, or undefined. */
export function findImporter(format: string): Importer | undefined {
  return Object.hasOwn(IMPORTERS, format) ? IMPORTERS[format] : undefined;
}
