import { defineImporter } from "../define-importer.js";
import type { CollectContext, ManifestFields } from "../importer.js";
import { judgeKindSetting } from "../judge-kind-setting.js";
import { producerFields } from "../model-family.js";
import { listInputFiles, locationId, readJsonObjects } from "../read-source-records.js";
import { mapArenaBattle } from "./map-arena-battle.js";

async function collectArenaBattles(context: CollectContext): Promise<ManifestFields> {
  const { collector, report, settings } = context;
  const files = await listInputFiles(context.inputs, (path) => /\.(json|jsonl|ndjson)(\.gz)?$/i.test(path));
  const kind = judgeKindSetting(settings["judge-kind"], "human");
  const defaultJudge = settings["judge-id"] ?? "arena-users";
  const seenJudges = new Set<string>();
  for await (const { at, value: record } of readJsonObjects(files, report)) {
    const judge = typeof record.judge === "string" && record.judge !== "" ? record.judge : defaultJudge;
    const comparison = mapArenaBattle({ id: locationId(at), record, judge });
    if (comparison === undefined) {
      report.skip("battle without model_a and model_b", at);
      continue;
    }
    // Judges and models repeat on every line of files with millions of battles: add each once.
    if (!seenJudges.has(judge)) {
      seenJudges.add(judge);
      collector.addJudge({ id: judge, kind });
    }
    for (const model of [comparison.first, comparison.second]) {
      // Items are the models themselves, so each is its own producer (self-preference of model judges).
      if (!collector.hasItem(model)) collector.addItem({ id: model, ...producerFields(model) }, at);
    }
    collector.addComparison(comparison, at);
  }
  report.note("items are models; order unknown (Arena shows both answers side by side): first = model_a");
  return {
    name: "arena-battles",
    description: "Chatbot Arena style battles (model_a, model_b, winner)",
    source: "https://lmarena.ai",
  };
}

/** Chatbot Arena battles: a JSON array or JSONL of `{model_a, model_b, winner, judge, tstamp, turn, language}`. */
export const arenaBattlesImporter = defineImporter({
  format: "arena-battles",
  description:
    "Chatbot Arena battles JSON/JSONL (model_a, model_b, winner ∈ model_a | model_b | tie | tie (bothbad), judge, tstamp)",
  settings: {
    "judge-id": "judge for battles without a judge field (default: arena-users)",
    "judge-kind": "llm | human | gold | simulated (default: human)",
  },
  collect: collectArenaBattles,
});
