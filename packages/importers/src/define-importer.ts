import { stat } from "node:fs/promises";
import { writeDataset } from "@judgelab/datasets";
import { SCHEMA_VERSION } from "@judgelab/schema";
import { DatasetCollector } from "./dataset-collector.js";
import { ImportInputError } from "./import-input-error.js";
import { ImportReportBuilder } from "./import-report.js";
import type { CollectFunction, Importer, ImportOptions, ImportResult } from "./importer.js";
import { prepareOutputFolder } from "./prepare-output-folder.js";

/** The parts of an importer a format defines; {@link defineImporter} adds input checks and writing. */
export interface ImporterDefinition {
  readonly format: string;
  readonly description: string;
  readonly license?: string;
  readonly settings?: Readonly<Record<string, string>>;
  readonly collect: CollectFunction;
}

async function checkInputsExist(inputs: readonly string[]): Promise<void> {
  if (inputs.length === 0) throw new ImportInputError("no input files given; name at least one file or folder");
  for (const input of inputs) {
    try {
      await stat(input);
    } catch {
      throw new ImportInputError(`${input}: no such file or folder`, { file: input });
    }
  }
}

/** Settings the format does not know are an error (a typo in `--map` would otherwise be silently ignored). */
function checkSettingKeys(definition: ImporterDefinition, settings: Readonly<Record<string, unknown>>): void {
  const known = definition.settings ?? {};
  const unknown = Object.keys(settings).filter((key) => !(key in known));
  if (unknown.length === 0) return;
  const names = Object.keys(known);
  throw new ImportInputError(
    `unknown setting${unknown.length === 1 ? "" : "s"} ${unknown.map((key) => `"${key}"`).join(", ")} for format ` +
      `${definition.format}; ${names.length === 0 ? "it takes no settings" : `known: ${names.join(", ")}`}`,
  );
}

/**
 * Turns a format's `collect` step into an {@link Importer}: checks the inputs, reads everything into a
 * {@link DatasetCollector}, prepares the output folder and writes the dataset with `writeDataset`.
 */
export function defineImporter(definition: ImporterDefinition): Importer {
  const run = async (inputs: readonly string[], options: ImportOptions): Promise<ImportResult> => {
    await checkInputsExist(inputs);
    checkSettingKeys(definition, options.settings ?? {});
    const report = new ImportReportBuilder(definition.format, definition.license);
    const collector = new DatasetCollector(
      report,
      options.spillThreshold === undefined ? {} : { spillThreshold: options.spillThreshold },
    );
    try {
      const fields = await definition.collect({ inputs, settings: options.settings ?? {}, collector, report });
      const missingJudges = collector.undefinedJudges();
      if (missingJudges.length > 0) {
        throw new Error(`importer ${definition.format} used judges it did not define: ${missingJudges.join(", ")}`);
      }
      const manifestFields = {
        ...fields,
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.license === undefined ? {} : { license: options.license }),
        ...(options.source === undefined ? {} : { source: options.source }),
      };
      if (manifestFields.license !== undefined) report.license = manifestFields.license;
      const counts0 = collector.counts();
      if (options.allowEmpty !== true && counts0.comparisons + counts0.assessments + counts0.references === 0) {
        const built = report.build({ inputs, written: counts0 });
        const skipped = built.skipped.map((entry) => `${entry.count} × ${entry.reason}`).join("; ");
        throw new ImportInputError(
          `${inputs.join(", ")}: read ${built.read} records and imported no comparison` +
            (skipped === "" ? "" : ` (skipped ${skipped})`) +
            `; check the format (${definition.format}) and any --map, or pass --allow-empty to write an empty dataset`,
          ...(inputs.length === 1 ? [{ file: inputs[0]! }] : []),
        );
      }
      await prepareOutputFolder(options.out, options.force ?? false);
      const counts = await writeDataset(options.out, {
        manifest: { schemaVersion: SCHEMA_VERSION, ...manifestFields },
        items: collector.items,
        judges: collector.judges,
        comparisons: collector.comparisons(),
        ...(collector.assessments.length > 0 ? { assessments: collector.assessments } : {}),
        ...(collector.references.length > 0 ? { references: collector.references } : {}),
      });
      const written = { ...counts, assessments: counts.assessments ?? 0, references: counts.references ?? 0 };
      return { out: options.out, report: report.build({ inputs, written }) };
    } finally {
      await collector.dispose();
    }
  };
  return {
    format: definition.format,
    description: definition.description,
    ...(definition.license === undefined ? {} : { license: definition.license }),
    ...(definition.settings === undefined ? {} : { settings: definition.settings }),
    import: run,
  };
}
