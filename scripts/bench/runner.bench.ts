/**
 * Runner throughput: 10,000 judge calls against the fake OpenAI server (its own process, 50 ms latency per call)
 * at concurrency 64, through the whole runner (plan, cache lookups, per-provider limiter, retry wrapper, cache and
 * run-log writes to a real run folder in os.tmpdir()). Ideal time = ceil(calls / concurrency) × latency; the
 * target is ≤ 1.2 × ideal. Two judges are measured:
 *   (a) a minimal HTTP judge (keep-alive node:http + JSON), so the ratio is the runner plus the cheapest client;
 *   (b) the OpenAI SDK chat adapter of @judgelab/judges (prompt rendering, SDK, structured-output parsing).
 * A third, informational measurement replaces the HTTP call with a 50 ms timer: the runner's overhead alone.
 * Prints wall time, CPU time and the ratio to ideal for each. The machine is shared: CPU seconds are printed too;
 * when the runner process needs more CPU seconds than the ideal wall time, the target is out of reach on that
 * machine whatever the runner does (the HTTP client alone costs about 0.5 ms of CPU per call).
 * Usage: pnpm bench runner [calls] [concurrency] [latencyMs]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
// The repository root does not depend on the workspace packages, so import their public entry points.
import {
  createOpenAIChatJudge,
  type JudgeRequest,
  type JudgeResult,
  type PairwiseJudge,
  paperImpactTemplate,
} from "@judgelab/judges";
import { fakeScoredText, startFakeOpenAIServer } from "@judgelab/judges/test-support";
import {
  createRunManifest,
  prepareTournamentItems,
  RunStore,
  runTournament,
  tournamentConfigSchema,
} from "@judgelab/tournament";

const [callsArgument, concurrencyArgument, latencyArgument] = process.argv.slice(2).filter((arg) => arg !== "--serve");
const calls = Number(callsArgument ?? 10_000);
const concurrency = Number(concurrencyArgument ?? 64);
const latencyMs = Number(latencyArgument ?? 50);
const target = 1.2;

/** The fake server process's CPU seconds so far (it answers SIGUSR2 on stdout). */
let serverCpu: () => Promise<number> = async () => 0;

if (process.argv.includes("--serve")) {
  // Child mode: the fake server, in its own process so that its CPU does not compete with the runner's event loop.
  const server = await startFakeOpenAIServer({ latencyMs });
  process.stdout.write(`${server.baseURL}\n`);
  // Asked by the parent between measurements: CPU seconds this server process has used so far.
  process.on("SIGUSR2", () => {
    const cpu = process.cpuUsage();
    process.stdout.write(`cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)}\n`);
  });
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
} else {
  await main();
}

/**
 * A judge that POSTs a tiny chat request over a keep-alive `node:http` agent and reads the `[[A]]`/`[[B]]` marker:
 * no SDK, no template engine, the cheapest honest HTTP client (undici's fetch costs about twice the CPU per call).
 */
function createMinimalHttpJudge(baseURL: string): PairwiseJudge {
  const url = new URL(`${baseURL}/chat/completions`);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const describe = () => ({ id: "minimal", kind: "llm" as const, provider: "fake", model: "fake-1", parameters: {} });
  const post = (body: string, signal: AbortSignal | undefined): Promise<string> =>
    new Promise((resolve, reject) => {
      const request = httpRequest(
        url,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            authorization: "Bearer bench",
            "content-length": Buffer.byteLength(body),
          },
          ...(signal === undefined ? {} : { signal }),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  return {
    id: "minimal",
    kind: "llm",
    provider: "fake",
    model: "fake-1",
    describe,
    async judge(request: JudgeRequest, context = {}): Promise<JudgeResult> {
      const started = performance.now();
      const text = await post(
        JSON.stringify({
          model: "fake-1",
          messages: [
            { role: "user", content: `${request.first.text}\n${request.second.text}\nAnswer [[A]] or [[B]].` },
          ],
        }),
        context.signal,
      );
      const body = JSON.parse(text) as {
        choices: { message: { content: string } }[];
        usage: { prompt_tokens: number; completion_tokens: number };
      };
      const answer = body.choices[0]?.message.content ?? "";
      return {
        type: "verdict",
        verdict: answer.includes("[[A]]") ? "first" : "second",
        parsedFrom: "text",
        text: answer,
        usage: { inputTokens: body.usage.prompt_tokens, outputTokens: body.usage.completion_tokens },
        raw: body,
        latencyMs: performance.now() - started,
      };
    },
  };
}

/** A judge that only waits `latencyMs` (no HTTP): isolates the runner's own overhead. */
function createTimerJudge(): PairwiseJudge {
  return {
    id: "timer",
    kind: "simulated",
    provider: "timer",
    model: "timer-1",
    describe: () => ({
      id: "timer",
      kind: "simulated",
      provider: "timer",
      model: "timer-1",
      parameters: { latencyMs },
    }),
    judge: (request) =>
      new Promise((resolve) =>
        setTimeout(
          () =>
            resolve({
              type: "verdict",
              verdict: request.first.id < request.second.id ? "first" : "second",
              parsedFrom: "simulated",
              text: "[[A]]",
              usage: { inputTokens: 100, outputTokens: 10 },
              raw: { timer: true },
              latencyMs,
            }),
          latencyMs,
        ),
      ),
  };
}

async function measure(name: string, judge: PairwiseJudge, provider: string): Promise<number> {
  const itemCount = Math.ceil((1 + Math.sqrt(1 + 8 * calls)) / 2);
  const records = Array.from({ length: itemCount }, (_, index) => ({
    id: `item-${index}`,
    text: fakeScoredText((index * 7) % itemCount, `Item ${index}.`),
  }));
  const config = tournamentConfigSchema.parse({
    seed: 1,
    items: { inline: records },
    judges: [{ id: judge.id, provider, model: judge.model }],
    order: "fixed",
    scheduler: { kind: "round-robin", byCategory: false },
    stop: { maxMatches: calls },
    limits: { [provider]: { concurrency } },
    prices: { [judge.model]: { inputPerMillion: 1, outputPerMillion: 1 } },
  });
  const items = prepareTournamentItems(records, { byCategory: false });
  const dir = mkdtempSync(path.join(tmpdir(), "judgelab-runner-bench-"));
  try {
    const store = RunStore.open(
      dir,
      createRunManifest({ config, items, template: paperImpactTemplate, judges: [judge] }),
    );
    const serverCpuBefore = await serverCpu();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const summary = await runTournament({
      config,
      items: records,
      judges: [judge],
      template: paperImpactTemplate,
      journal: store,
    });
    const seconds = (performance.now() - started) / 1000;
    const cpuUsed = process.cpuUsage(cpu);
    store.close();
    const serverSeconds = (await serverCpu()) - serverCpuBefore;
    const ideal = (Math.ceil(calls / concurrency) * latencyMs) / 1000;
    const ratio = seconds / ideal;
    process.stdout.write(
      `${name}: ${summary.recorded} recorded, ${summary.failed} failed ${JSON.stringify(summary.failedByKind)} in ${seconds.toFixed(2)} s ` +
        `(ideal ${ideal.toFixed(2)} s, ratio ${ratio.toFixed(3)}, target <= ${target}); ` +
        `CPU: runner process ${((cpuUsed.user + cpuUsed.system) / 1e6).toFixed(2)} s, fake server ${serverSeconds.toFixed(2)} s\n`,
    );
    if (summary.recorded !== calls) throw new Error(`${name}: expected ${calls} recorded comparisons`);
    return ratio;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...process.execArgv,
      path.join(here, "runner.bench.ts"),
      "--serve",
      String(calls),
      String(concurrency),
      String(latencyMs),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const baseURL = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (chunk) => resolve(String(chunk).trim()));
    child.once("exit", (code) => reject(new Error(`fake server exited (${code})`)));
  });
  serverCpu = () =>
    new Promise((resolve) => {
      const onData = (chunk: Buffer) => {
        const match = /cpu (\d+(?:\.\d+)?)/.exec(String(chunk));
        if (match === null) return;
        child.stdout?.off("data", onData);
        resolve(Number(match[1]));
      };
      child.stdout?.on("data", onData);
      child.kill("SIGUSR2");
    });
  try {
    process.stdout.write(
      `${calls} calls, concurrency ${concurrency}, fake server latency ${latencyMs} ms (${baseURL})\n`,
    );
    await measure("runner only: judge = a 50 ms timer, no HTTP (informational)", createTimerJudge(), "simulated");
    const minimal = await measure("runner + minimal HTTP judge", createMinimalHttpJudge(baseURL), "openai-compatible");
    await measure(
      "runner + OpenAI SDK chat adapter (informational)",
      createOpenAIChatJudge({ id: "sdk", model: "gpt-4o-mini", apiKey: "bench", baseURL }),
      "openai",
    );
    process.stdout.write(
      `ratio ${minimal.toFixed(3)} (${minimal <= target ? "meets" : "misses"} the ${target}× target)\n`,
    );
    process.exitCode = minimal <= target ? 0 : 1;
  } finally {
    child.kill("SIGTERM");
  }
}
