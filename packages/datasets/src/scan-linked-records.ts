import type { Assessment, Reference } from "@judgelab/schema";
import { quote, type ScanContext } from "./scan-context.js";
import { scanRecordFile } from "./scan-record-file.js";

/** What assessments and references are checked against. */
export interface LinkTargets {
  items: ReadonlySet<string>;
  /** Known judges, or undefined when judges are implied (then assessment judges are added to `impliedJudges`). */
  judges: ReadonlySet<string> | undefined;
  impliedJudges: Set<string>;
}

/** Reads assessments.jsonl: each must name a known item and (when judges.jsonl exists) a known judge. */
export async function scanAssessments(options: {
  file: string;
  context: ScanContext;
  targets: LinkTargets;
  into: Assessment[];
}): Promise<number> {
  const { items, judges, impliedJudges } = options.targets;
  return scanRecordFile({
    file: options.file,
    kind: "assessment",
    context: options.context,
    onRecord: (assessment) => {
      const found: { field: string; message: string }[] = [];
      if (!items.has(assessment.item))
        found.push({ field: "item", message: `unknown item id ${quote(assessment.item)}` });
      if (judges === undefined) impliedJudges.add(assessment.judge);
      else if (!judges.has(assessment.judge)) {
        found.push({ field: "judge", message: `unknown judge id ${quote(assessment.judge)}` });
      }
      if (found.length === 0) options.into.push(assessment);
      return found;
    },
  });
}

/** Reads references.jsonl: item references and pair references must name known items. */
export async function scanReferences(options: {
  file: string;
  context: ScanContext;
  targets: LinkTargets;
  into: Reference[];
}): Promise<number> {
  const { items } = options.targets;
  return scanRecordFile({
    file: options.file,
    kind: "reference",
    context: options.context,
    onRecord: (reference) => {
      const ids = reference.kind === "item" ? { item: reference.item } : { a: reference.a, b: reference.b };
      const found = Object.entries(ids)
        .filter(([, id]) => !items.has(id))
        .map(([field, id]) => ({ field, message: `unknown item id ${quote(id)}` }));
      if (found.length === 0) options.into.push(reference);
      return found;
    },
  });
}
