/**
 * Throughput of an adapter against its fake server: N calls at concurrency C with L ms server latency, compared with
 * the ideal time ceil(N / C) × L. Prints one line per protocol (server in this process) and one with the OpenAI server
 * in a child process; the CPU figure is this process's only (client, plus the server when in-process). The first
 * measurement includes JIT warm-up. Usage:
 *   pnpm exec tsx --conditions=source scripts/bench-fake-server-throughput.ts [calls=2000] [concurrency=64] [latencyMs=50]
 */
import { performance } from "node:perf_hooks";
import {
  createAnthropicMessagesJudge,
  createGeminiJudge,
  createOpenAIChatJudge,
  type PairwiseJudge,
  paperImpactTemplate,
} from "../src/index.js";
import {
  type FakeServer,
  fakeScoredText,
  startFakeAnthropicServer,
  startFakeGeminiServer,
  startFakeOpenAIServer,
  startFakeServerProcess,
} from "../src/test-support/index.js";

const [calls = 2000, concurrency = 64, latencyMs = 50] = process.argv.slice(2).map(Number);

async function measure(name: string, server: Pick<FakeServer, "close">, judge: PairwiseJudge): Promise<void> {
  let next = 0;
  let verdicts = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const worker = async (): Promise<void> => {
    while (next < calls) {
      const index = next++;
      const result = await judge.judge({
        first: { id: `a${index}`, text: fakeScoredText(index % 7, "First abstract. ".repeat(40)) },
        second: { id: `b${index}`, text: fakeScoredText(index % 5, "Second abstract. ".repeat(40)) },
        template: paperImpactTemplate,
        repetition: 0,
      });
      if (result.type === "verdict") verdicts++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuPerCallMs = (cpu.user + cpu.system) / 1000 / calls;
  const ideal = Math.ceil(calls / concurrency) * latencyMs;
  console.log(
    `${name}: ${calls} calls, concurrency ${concurrency}, latency ${latencyMs} ms: ${elapsed.toFixed(0)} ms ` +
      `(ideal ${ideal} ms, ratio ${(elapsed / ideal).toFixed(2)}), CPU of this process ${cpuPerCallMs.toFixed(2)} ms ` +
      `per call, verdicts ${verdicts}`,
  );
  await server.close();
}

const openai = await startFakeOpenAIServer({ latencyMs });
await measure("openai-chat", openai, createOpenAIChatJudge({ model: "m", apiKey: "k", baseURL: openai.baseURL }));
const anthropic = await startFakeAnthropicServer({ latencyMs });
await measure(
  "anthropic",
  anthropic,
  createAnthropicMessagesJudge({ model: "m", apiKey: "k", baseURL: anthropic.origin }),
);
const gemini = await startFakeGeminiServer({ latencyMs });
await measure("gemini", gemini, createGeminiJudge({ model: "m", apiKey: "k", baseURL: gemini.origin }));
const child = await startFakeServerProcess({ protocol: "openai", latencyMs });
await measure(
  "openai-chat, server in a child process",
  child,
  createOpenAIChatJudge({ model: "m", apiKey: "k", baseURL: `${child.origin}/v1` }),
);
