/**
 * Writes the small Parquet fixtures of the Parquet importers with DuckDB (an independent writer: the importers
 * read with hyparquet). Synthetic rows with the real column names and Parquet types of the public releases:
 *
 * - Chatbot Arena battles (`clean_battle` / arena-human-preference-100k/140k): model_a, model_b, winner ∈
 *   {model_a, model_b, tie, tie (bothbad)}, judge, turn (int64), language, anony, tstamp (double), question_id,
 *   conversation_a/b as list<struct<role, content>>.
 * - The 55k Kaggle layout: id (int64), model_a, model_b, prompt, response_a, response_b (JSON-encoded string
 *   lists), winner_model_a, winner_model_b, winner_tie (int64 0/1).
 * - MT-Bench human judgments (splits `human` and `gpt4_pair`): question_id (int64), model_a, model_b, winner,
 *   judge, conversation_a/b (list<struct<content, role>>), turn (int64).
 * - A generic file with other column names, for `generic-parquet --map`.
 * - A file with the wrong schema (for the error naming missing columns and their types).
 *
 * No third-party data: every row is made up here. Run: `pnpm --filter @judgelab/importers exec tsx scripts/write-parquet-fixtures.ts`.
 */
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "src");
const MODELS = ["gpt-4", "claude-2", "vicuna-13b", "llama-2-70b-chat", "alpaca-13b"];
const WINNERS = ["model_a", "model_b", "tie", "tie (bothbad)", "model_a", "model_b"];

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const conversation = (question: string, answer: string, order: "role-first" | "content-first") =>
  order === "role-first"
    ? `[{'role': 'user', 'content': ${quote(question)}}, {'role': 'assistant', 'content': ${quote(answer)}}]`
    : `[{'content': ${quote(question)}, 'role': 'user'}, {'content': ${quote(answer)}, 'role': 'assistant'}]`;

/** 24 battles; row 7 has no model_b (skipped with a reason) and row 11 an unknown winner (kept as invalid). */
function arenaBattleRows(): string[] {
  return Array.from({ length: 24 }, (_, i) => {
    const a = MODELS[i % MODELS.length]!;
    const b = i === 7 ? null : MODELS[(i + 1 + (i % 3)) % MODELS.length]!;
    const winner = i === 11 ? "model_c" : WINNERS[i % WINNERS.length]!;
    const question = `Question ${i}: explain item ${i}.`;
    return (
      `(${quote(`q${100 + (i % 8)}`)}, ${quote(a)}, ${b === null ? "NULL" : quote(b)}, ${quote(winner)}, ` +
      `${quote(`arena_user_${i % 4}`)}, ${1 + (i % 2)}::BIGINT, ${i % 5 === 0 ? "true" : "false"}, ` +
      `${quote(i % 3 === 0 ? "German" : "English")}, ${1700000000 + 60 * i}.5::DOUBLE, ` +
      `${conversation(question, `Answer by ${a}.`, "role-first")}, ${conversation(question, `Answer by ${b}.`, "role-first")})`
    );
  });
}

/** 12 rows in the 55k Kaggle layout; row 5 has two winner flags set (kept as invalid with the flags in raw). */
function kaggleRows(): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const flags = i === 5 ? [1, 1, 0] : [i % 3 === 0 ? 1 : 0, i % 3 === 1 ? 1 : 0, i % 3 === 2 ? 1 : 0];
    const json = (text: string) => quote(JSON.stringify([text]));
    return (
      `(${30192 + i}::BIGINT, ${quote(MODELS[i % 5]!)}, ${quote(MODELS[(i + 2) % 5]!)}, ${json(`Prompt ${i}`)}, ` +
      `${json(`Response A ${i}`)}, ${json(`Response B ${i}`)}, ${flags.map((flag) => `${flag}::BIGINT`).join(", ")})`
    );
  });
}

/** 16 MT-Bench judgments; row 9 says "tie (inconsistent)", row 13 has no model_a (skipped). */
function mtBenchRows(judges: readonly string[]): string[] {
  return Array.from({ length: 16 }, (_, i) => {
    const a = i === 13 ? null : MODELS[i % 4]!;
    const b = MODELS[(i + 1) % 4]!;
    const winner = i === 9 ? "tie (inconsistent)" : ["model_a", "model_b", "tie"][i % 3]!;
    const turn = 1 + (i % 2);
    const answers = (model: string | null) =>
      `[{'content': 'Question ${81 + (i % 5)} turn 1', 'role': 'user'}, {'content': ${quote(`${model} answer 1`)}, 'role': 'assistant'}, ` +
      `{'content': 'Follow-up', 'role': 'user'}, {'content': ${quote(`${model} answer 2`)}, 'role': 'assistant'}]`;
    return (
      `(${81 + (i % 5)}::BIGINT, ${a === null ? "NULL" : quote(a)}, ${quote(b)}, ${quote(winner)}, ` +
      `${quote(judges[i % judges.length]!)}, ${answers(a)}, ${answers(b)}, ${turn}::BIGINT)`
    );
  });
}

async function main(): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const write = async (relative: string, columns: string, rows: string[]) => {
    const path = join(src, relative);
    await mkdir(dirname(path), { recursive: true });
    await connection.run(
      `COPY (SELECT * FROM (VALUES ${rows.join(",\n")}) AS t(${columns})) TO ${quote(path)} (FORMAT parquet)`,
    );
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${quote(path)}`);
    const types = described.getRowObjects().map((row) => `${row.column_name} ${row.column_type}`);
    console.log(`${relative}: ${rows.length} rows; ${types.join(", ")}`);
  };
  await write(
    "arena-battles/test-fixtures/arena-battles.parquet",
    "question_id, model_a, model_b, winner, judge, turn, anony, language, tstamp, conversation_a, conversation_b",
    arenaBattleRows(),
  );
  await write(
    "arena-battles/test-fixtures/arena-55k.parquet",
    "id, model_a, model_b, prompt, response_a, response_b, winner_model_a, winner_model_b, winner_tie",
    kaggleRows(),
  );
  await write("arena-battles/test-fixtures/arena-wrong-schema.parquet", "model_a, loser, turn", [
    "('gpt-4', 'claude-2', 'one')",
    "('claude-2', 'gpt-4', 'two')",
  ]);
  const columns = "question_id, model_a, model_b, winner, judge, conversation_a, conversation_b, turn";
  await write(
    "mt-bench/test-fixtures/mt-bench-human.parquet",
    columns,
    mtBenchRows(["author_0", "expert_7", "expert_12"]),
  );
  await write("mt-bench/test-fixtures/mt-bench-gpt4-pair.parquet", columns, mtBenchRows(["gpt4_pair"]).slice(0, 6));
  await write(
    "generic/test-fixtures/generic.parquet",
    "left_model, right_model, label, rater, task_id",
    Array.from(
      { length: 10 },
      (_, i) =>
        `(${quote(MODELS[i % 5]!)}, ${quote(MODELS[(i + 1) % 5]!)}, ${i % 3}::INTEGER, ${quote(`rater-${i % 2}`)}, ${100 + i}::BIGINT)`,
    ),
  );
  connection.closeSync();
}

await main();
