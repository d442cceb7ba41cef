import { basename } from "node:path";
import { defineImporter } from "../define-importer.js";
import { ImportInputError } from "../import-input-error.js";
import type { SourceLocation } from "../import-report.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { listInputFiles, readJsonArray } from "../read-source-records.js";
import {
  mapPandalmVerdict,
  PANDALM_JUDGES,
  type PandalmPair,
  pandalmItems,
  pandalmMajority,
} from "./map-pandalm-pair.js";

interface LlmVerdict {
  readonly label: unknown;
  readonly rationale?: string;
  readonly at: SourceLocation;
}

/** The LLM result files and the fields holding their verdict and reason. */
const LLM_FILES = [
  { judge: "gpt-3.5-turbo", result: "gpt_result", reason: "gpt_reason" },
  { judge: "pandalm-7b", result: "pandalm_result", reason: "pandalm_reason" },
] as const;

function objectAt(value: unknown, at: SourceLocation): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ImportInputError(`${at.file}: element ${at.index}: expected an object`, { file: at.file });
  }
  return value as Record<string, unknown>;
}

const optionalText = (value: unknown) => (typeof value === "string" ? value : undefined);

async function collectPandalm(context: CollectContext): Promise<ManifestFields> {
  const { collector, report } = context;
  const files = await listInputFiles(context.inputs, (path) => path.endsWith(".json"));
  const pairs: { pair: PandalmPair; at: SourceLocation }[] = [];
  const llmVerdicts = new Map<string, Map<number, LlmVerdict>>();
  for (const file of files) {
    for await (const { at, value } of readJsonArray(file)) {
      report.countRead(file);
      const record = objectAt(value, at);
      const idx = Number(record.idx);
      if (!Number.isInteger(idx))
        throw new ImportInputError(`${file}: element ${at.index}: idx must be an integer`, { file });
      if ("cmp_key" in record) {
        const pair: PandalmPair = {
          idx,
          cmpKey: String(record.cmp_key),
          annotators: [record.annotator1, record.annotator2, record.annotator3],
        };
        for (const [key, field] of [
          ["instruction", "instruction"],
          ["input", "input"],
          ["response1", "response1"],
          ["response2", "response2"],
          ["motivationApp", "motivation_app"],
        ] as const) {
          const text = optionalText(record[field]);
          if (text !== undefined) Object.assign(pair, { [key]: text });
        }
        pairs.push({ pair, at });
        continue;
      }
      const source = LLM_FILES.find((candidate) => candidate.result in record);
      if (source === undefined) {
        throw new ImportInputError(
          `${file}: element ${at.index}: not a PandaLM record (expected cmp_key, gpt_result or pandalm_result); is ${basename(file)} a PandaLM file?`,
          { file },
        );
      }
      let byIdx = llmVerdicts.get(source.judge);
      if (byIdx === undefined) llmVerdicts.set(source.judge, (byIdx = new Map()));
      const rationale = optionalText(record[source.reason]);
      byIdx.set(idx, { label: record[source.result], at, ...(rationale === undefined ? {} : { rationale }) });
    }
  }
  if (pairs.length === 0) throw new ImportInputError("no PandaLM test set (testset-v1.json) among the inputs");
  for (const judge of PANDALM_JUDGES) collector.addJudge(judge);
  const pairIds = new Set<number>();
  for (const { pair, at } of pairs) {
    const items = pandalmItems(pair);
    if (items === undefined) {
      report.skip('cmp_key is not "model1_model2"', at);
      continue;
    }
    pairIds.add(pair.idx);
    for (const item of items) collector.addItem(item, at);
    pair.annotators.forEach((label, index) => {
      collector.addComparison(mapPandalmVerdict({ pair, items, judge: `annotator${index + 1}`, label }), at);
    });
    for (const [judge, byIdx] of llmVerdicts) {
      const verdict = byIdx.get(pair.idx);
      if (verdict === undefined) continue;
      const rationale = verdict.rationale;
      collector.addComparison(
        mapPandalmVerdict({
          pair,
          items,
          judge,
          label: verdict.label,
          ...(rationale === undefined ? {} : { rationale }),
        }),
        verdict.at,
      );
    }
    const majority = pandalmMajority(pair, items);
    if (majority !== undefined) collector.addReference(majority);
  }
  for (const byIdx of llmVerdicts.values()) {
    for (const [idx, verdict] of byIdx)
      if (!pairIds.has(idx)) report.skip("LLM verdict for an idx not in the test set", verdict.at);
  }
  report.note(
    "presentation order is not recorded by the PandaLM files: order unknown, first/second follow response1/response2",
  );
  return {
    name: "pandalm",
    description: "PandaLM test set: 999 response pairs, 3 human annotators, GPT-3.5 and PandaLM-7B verdicts",
    license: "Apache-2.0",
    source: "https://github.com/WeOpenML/PandaLM",
  };
}

/** PandaLM: `testset-v1.json` joined on idx with `gpt-3.5-turbo-testset-v1.json` and `pandalm-7b-testset-v1.json`. */
export const pandalmImporter = defineImporter({
  format: "pandalm",
  description: "PandaLM testset-v1.json (3 annotators) joined with the gpt-3.5-turbo and pandalm-7b result files",
  license: "Apache-2.0",
  collect: collectPandalm,
});
