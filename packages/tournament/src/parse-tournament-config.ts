import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { type TournamentConfig, tournamentConfigSchema } from "./tournament-config.js";

/** One problem in a config file: where (`file:line`), which field (`judges.0.model`) and what is wrong. */
export interface ConfigProblem {
  readonly line?: number;
  readonly path: string;
  readonly message: string;
}

/** Thrown when a config is not valid YAML or does not match the schema; `problems` lists every issue. */
export class TournamentConfigError extends Error {
  override readonly name = "TournamentConfigError";
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${file}: invalid tournament config:\n${problems
        .map(
          (problem) =>
            `  ${file}${problem.line === undefined ? "" : `:${problem.line}`}: ${problem.path}: ${problem.message}`,
        )
        .join("\n")}`,
    );
  }
}

/** Strings that look like provider API keys; a config holding one is refused (keys come from the environment). */
const KEY_LIKE = /\b(sk-[A-Za-z0-9_-]{16,}|sk-ant-[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,})\b/;

/**
 * Parses and validates a YAML tournament config. Errors name the file, the line of the offending node and the
 * field path (`judges.1.provider: Invalid option ...`), all at once.
 */
export function parseTournamentConfig(text: string, file = "config.yaml"): TournamentConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new TournamentConfigError(
      file,
      document.errors.map((error) => ({
        line: lineCounter.linePos(error.pos[0]).line,
        path: "(yaml)",
        message: error.message.split("\n")[0] ?? error.message,
      })),
    );
  }
  const keyMatch = KEY_LIKE.exec(text);
  if (keyMatch !== null) {
    throw new TournamentConfigError(file, [
      {
        line: lineCounter.linePos(keyMatch.index).line,
        path: "(secret)",
        message: "looks like an API key; put the key in an environment variable and name it with apiKeyEnv",
      },
    ]);
  }
  const result = tournamentConfigSchema.safeParse(document.toJS());
  const problems: ConfigProblem[] = result.success ? [] : result.error.issues.map((issue) => toProblem(issue));
  if (result.success) problems.push(...crossFieldProblems(result.data));
  if (problems.length > 0 || !result.success) {
    throw new TournamentConfigError(
      file,
      problems.map((problem) => ({ ...problem, ...lineOf(problem.path) })),
    );
  }
  return result.data;

  function toProblem(issue: z.core.$ZodIssue): ConfigProblem {
    return { path: issue.path.length === 0 ? "(root)" : issue.path.join("."), message: issue.message };
  }

  function lineOf(path: string): { line?: number } {
    const segments = path.split(".").map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    for (let length = segments.length; length > 0; length--) {
      const node = document.getIn(segments.slice(0, length), true);
      if (isNode(node) && node.range) return { line: lineCounter.linePos(node.range[0]).line };
    }
    return {};
  }
}

function crossFieldProblems(config: TournamentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  config.judges.forEach((judge, index) => {
    if (seen.has(judge.id)) problems.push({ path: `judges.${index}.id`, message: `duplicate judge id "${judge.id}"` });
    seen.add(judge.id);
    if (judge.provider === "openai-compatible" && judge.baseURL === undefined) {
      problems.push({
        path: `judges.${index}.baseURL`,
        message: "an openai-compatible judge needs baseURL (e.g. http://localhost:8000/v1 for vLLM)",
      });
    }
    if (judge.provider === "openai-compatible" && judge.apiKeyEnv === undefined) {
      problems.push({
        path: `judges.${index}.apiKeyEnv`,
        message:
          "an openai-compatible judge needs apiKeyEnv: the environment variable holding the server's key, or none " +
          "for a server without keys",
      });
    }
    if (judge.apiKeyEnv === "none" && judge.provider !== "openai-compatible") {
      problems.push({
        path: `judges.${index}.apiKeyEnv`,
        message: `apiKeyEnv: none is for openai-compatible servers without keys; ${judge.provider} needs a key`,
      });
    }
    if (judge.provider === "replay" && judge.replayDataset === undefined) {
      problems.push({ path: `judges.${index}.replayDataset`, message: "a replay judge needs the dataset folder" });
    }
    if (judge.simulation !== undefined && judge.provider !== "simulated") {
      problems.push({ path: `judges.${index}.simulation`, message: "only simulated judges take simulation settings" });
    }
  });
  return problems;
}

/** Reads and validates a tournament config file; `baseDir` is its folder (relative paths resolve against it). */
export async function loadTournamentConfig(file: string): Promise<{ config: TournamentConfig; baseDir: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new TournamentConfigError(file, [
      { path: "(file)", message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` },
    ]);
  }
  return { config: parseTournamentConfig(text, file), baseDir: dirname(file) };
}
