import { isAbsolute, resolve } from "node:path";
import type { JudgeItem, PairwiseJudge } from "@judgelab/judges";
import * as judges from "@judgelab/judges";
import { BATCH_PROVIDERS } from "./batch-providers.js";
import { createSimulatedJudgeForConfig } from "./create-simulated-judge-for-config.js";
import { JudgeSetupError } from "./judge-setup-error.js";
import type { BatchClient } from "./run-batch-round.js";
import type { JudgeConfig, Provider, TournamentConfig } from "./tournament-config.js";

/**
 * Environment variables read, in order, for a provider's key when the judge names none (`apiKeyEnv`): the first
 * one set and non-empty wins. Gemini keys live in `GEMINI_API_KEY` or, as in Google's own tools, `GOOGLE_API_KEY`.
 * Providers without a default (OpenAI-compatible servers, simulated and replay judges) need no key unless the judge
 * names one.
 */
export function defaultApiKeyEnvs(provider: Provider): readonly string[] {
  switch (provider) {
    case "openai":
    case "openai-responses":
      return ["OPENAI_API_KEY"];
    case "anthropic":
      return ["ANTHROPIC_API_KEY"];
    case "gemini":
      return ["GEMINI_API_KEY", "GOOGLE_API_KEY"];
    default:
      return [];
  }
}

/** The first environment variable read for a provider's key (see `defaultApiKeyEnvs`). */
export function defaultApiKeyEnv(provider: Provider): string | undefined {
  return defaultApiKeyEnvs(provider)[0];
}

/** A judge's key: from `apiKeyEnv` if it names one, else the provider's default variables in order. */
function resolveApiKey(
  judge: JudgeConfig,
  apiKeyOf: (variable: string) => string | undefined,
): { key: string | undefined; variables: string } {
  if (judge.apiKeyEnv === "none") return { key: undefined, variables: "none" };
  const variables = judge.apiKeyEnv === undefined ? defaultApiKeyEnvs(judge.provider) : [judge.apiKeyEnv];
  const key = variables.map((variable) => apiKeyOf(variable)).find((value) => value !== undefined && value !== "");
  const names =
    variables.length === 0 ? "named by apiKeyEnv" : variables.length === 1 ? variables[0]! : variables.join(" or ");
  return { key, variables: names };
}

/**
 * Builds the judges of a config. Keys come from `apiKeyOf(variableName)`: the CLI passes its environment; the
 * library never reads it. A missing key for a provider that needs one is an error naming the variable. An
 * `openai-compatible` judge must say where its key is (`apiKeyEnv: NAME`, and NAME must then be set) or that its
 * server takes none (`apiKeyEnv: none`): a request silently sent without a key would only fail at the server.
 */
export async function createJudges(options: {
  config: TournamentConfig;
  items: readonly JudgeItem[];
  apiKeyOf: (variable: string) => string | undefined;
  baseDir: string;
}): Promise<PairwiseJudge[]> {
  const built: PairwiseJudge[] = [];
  for (const judge of options.config.judges) built.push(await createJudge(judge, options));
  return built;
}

async function createJudge(
  judge: JudgeConfig,
  options: {
    config: TournamentConfig;
    items: readonly JudgeItem[];
    apiKeyOf: (variable: string) => string | undefined;
    baseDir: string;
  },
): Promise<PairwiseJudge> {
  const { key, variables } = resolveApiKey(judge, options.apiKeyOf);
  const requireKey = (): string => {
    if (key !== undefined) return key;
    throw new JudgeSetupError(
      `judge "${judge.id}" (${judge.provider}) needs an API key: set the environment variable ${variables}`,
    );
  };
  const common = {
    id: judge.id,
    model: judge.model,
    ...(judge.family === undefined ? {} : { family: judge.family }),
    ...(judge.baseURL === undefined ? {} : { baseURL: judge.baseURL }),
    ...(judge.temperature === undefined ? {} : { temperature: judge.temperature }),
    ...(judge.maxOutputTokens === undefined ? {} : { maxOutputTokens: judge.maxOutputTokens }),
  };
  const logprobs = judge.topLogprobs === undefined ? {} : { topLogprobs: judge.topLogprobs };
  switch (judge.provider) {
    case "simulated":
      return createSimulatedJudgeForConfig({ judge, seed: options.config.seed, items: options.items });
    case "replay": {
      const path = judge.replayDataset!;
      // Loaded on demand: the dataset reader (and its validators) is only needed for replay judges.
      const { loadDataset } = await import("@judgelab/datasets");
      const dataset = await loadDataset(isAbsolute(path) ? path : resolve(options.baseDir, path), {
        keepComparisons: true,
      });
      return judges.createReplayJudge({
        id: judge.id,
        judge: judge.model,
        comparisons: dataset.comparisons ?? [],
        dataset: dataset.manifest.name,
        ...(judge.family === undefined ? {} : { family: judge.family }),
      });
    }
    case "openai":
      return judges.createOpenAIChatJudge({ ...common, ...logprobs, apiKey: requireKey() });
    case "openai-responses":
      return judges.createOpenAIResponsesJudge({ ...common, ...logprobs, apiKey: requireKey() });
    case "anthropic":
      if (judge.topLogprobs !== undefined) {
        throw new JudgeSetupError(
          `judge "${judge.id}" (anthropic): the Messages API returns no logprobs; remove topLogprobs (a template with a confidenceField asks for a stated confidence instead)`,
        );
      }
      return judges.createAnthropicMessagesJudge({ ...common, apiKey: requireKey() });
    case "gemini":
      return judges.createGeminiJudge({ ...common, ...logprobs, apiKey: requireKey() });
    case "openai-compatible":
      if (judge.baseURL === undefined) {
        throw new JudgeSetupError(
          `judge "${judge.id}" (openai-compatible) needs baseURL, e.g. http://localhost:8000/v1 for vLLM`,
        );
      }
      if (judge.apiKeyEnv === undefined) {
        throw new JudgeSetupError(
          `judge "${judge.id}" (openai-compatible): set apiKeyEnv to the environment variable holding the server's ` +
            "key, or apiKeyEnv: none for a server without keys (local vLLM, Ollama)",
        );
      }
      // Prompt + tolerant parser and `max_tokens`: compatible servers differ in structured-output support.
      return judges.createOpenAICompatibleJudge({
        ...common,
        baseURL: judge.baseURL,
        ...logprobs,
        ...(judge.apiKeyEnv === "none" ? {} : { apiKey: requireKey() }),
      });
  }
}

function createBatchClient(provider: Provider, settings: { apiKey: string; baseURL?: string }): BatchClient {
  if (provider === "openai") return judges.createOpenAIBatchClient(settings);
  if (provider === "anthropic") return judges.createAnthropicBatchClient(settings);
  return judges.createGeminiBatchClient(settings);
}

/**
 * Batch clients for the judges whose provider has a batch API (see `BATCH_PROVIDERS`), keyed by judge id. Other
 * judges run online even in batch mode.
 */
export function createBatchClients(options: {
  config: TournamentConfig;
  apiKeyOf: (variable: string) => string | undefined;
}): Map<string, BatchClient> {
  const clients = new Map<string, BatchClient>();
  for (const judge of options.config.judges) {
    if (!BATCH_PROVIDERS.has(judge.provider)) continue;
    const { key: apiKey, variables } = resolveApiKey(judge, options.apiKeyOf);
    if (apiKey === undefined) {
      throw new JudgeSetupError(
        `judge "${judge.id}" (${judge.provider}) needs an API key for batches: set ${variables}`,
      );
    }
    const settings = { apiKey, ...(judge.baseURL === undefined ? {} : { baseURL: judge.baseURL }) };
    clients.set(judge.id, createBatchClient(judge.provider, settings));
  }
  return clients;
}
