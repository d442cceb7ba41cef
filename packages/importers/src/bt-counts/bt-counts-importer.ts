import { basename } from "node:path";
import { defineImporter } from "../define-importer.js";
import { ImportInputError } from "../import-input-error.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { judgeKindSetting } from "../judge-kind-setting.js";
import { listInputFiles, readTableColumns, readTableRows } from "../read-source-records.js";
import { detectCountColumns } from "./detect-count-columns.js";
import { expandCountRow, parseCount } from "./expand-count-row.js";

async function collectBtCounts(context: CollectContext): Promise<ManifestFields> {
  const { collector, report, settings } = context;
  const files = await listInputFiles(context.inputs, (path) => /\.(csv|tsv)(\.gz)?$/i.test(path));
  const kind = judgeKindSetting(settings["judge-kind"], "gold");
  const defaultJudge = settings["judge-id"] ?? "observed";
  for (const file of files) {
    const header = await readTableColumns(file);
    const detected = detectCountColumns(header, settings);
    if ("missing" in detected) {
      throw new ImportInputError(
        `${file}: cannot tell which columns hold ${detected.missing.join(", ")} (columns: ${header.join(", ")}); pass --set first=COL,second=COL,win1=COL,win2=COL[,ties=COL]`,
        { file },
      );
    }
    const { columns } = detected;
    const used = new Set(Object.values(columns).filter((value): value is string => typeof value === "string"));
    const unused = header.filter((column) => !used.has(column) && column !== "");
    if (unused.length > 0) report.note(`${basename(file)}: columns not imported: ${unused.join(", ")}`);
    if (columns.homeAway)
      report.note(
        `${basename(file)}: first = ${columns.first} (home side): order known, so home advantage is a first-position effect`,
      );
    for await (const { at, value: row } of readTableRows(file)) {
      report.countRead(file);
      const first = row[columns.first]?.trim();
      const second = row[columns.second]?.trim();
      const wins1 = parseCount(row[columns.wins1]);
      const wins2 = parseCount(row[columns.wins2]);
      const ties = columns.ties === undefined ? 0 : parseCount(row[columns.ties]);
      if (!first || !second) {
        report.skip("row without both item names", at);
        continue;
      }
      if (wins1 === undefined || wins2 === undefined || ties === undefined) {
        report.skip("counts missing or not non-negative integers (e.g. NA)", at);
        continue;
      }
      const judge = columns.judge === undefined ? defaultJudge : `${columns.judge}:${row[columns.judge] ?? ""}`;
      collector.addJudge({ id: judge, kind });
      const condition = columns.condition === undefined ? undefined : row[columns.condition];
      const expanded = expandCountRow({
        idPrefix: `${basename(file)}:${at.line}`,
        first,
        second,
        wins1,
        wins2,
        ties,
        judge,
        homeAway: columns.homeAway,
        ...(condition === undefined || condition === "" ? {} : { condition }),
      });
      if (expanded.length === 0) report.skip("row with zero contests", at);
      for (const comparison of expanded) collector.addComparison(comparison, at);
    }
  }
  report.note("each count is expanded into that many comparisons; items are the named entities (journals, teams, …)");
  return {
    name: files.length === 1 ? basename(files[0] as string).replace(/\.(csv|tsv)(\.gz)?$/i, "") : "bt-counts",
    description: "paired-comparison counts expanded into individual comparisons",
  };
}

/** Aggregated win counts (`item1,item2,win1,win2[,ties]`), e.g. BradleyTerry2's citations or baseball tables. */
export const btCountsImporter = defineImporter({
  format: "bt-counts",
  description: "aggregated win counts CSV (item1,item2,win1,win2[,ties]; home/away columns make the order known)",
  settings: {
    first: "column of the first item (default: detected, e.g. item1, journal1, home.team)",
    second: "column of the second item",
    win1: "column counting wins of the first item",
    win2: "column counting wins of the second item",
    ties: "column counting ties (default: ties/tie/tied if present)",
    judge: "column naming the judge of each row (e.g. student)",
    condition: "column copied into each comparison's condition (e.g. instrument)",
    order: "known | unknown (default: known for home/away columns)",
    "judge-id": "judge id when no judge column is given (default: observed)",
    "judge-kind": "llm | human | gold | simulated (default: gold)",
  },
  collect: collectBtCounts,
});
