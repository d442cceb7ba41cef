import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** A fake provider server running in a child process. */
export interface FakeServerProcess {
  /** `http://127.0.0.1:PORT`; OpenAI clients add `/v1`. */
  readonly origin: string;
  /** Process id of the child (for diagnostics). */
  readonly pid: number | undefined;
  /** Number of requests the server has logged so far. */
  requestCount(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts a fake provider server (`openai`, `anthropic` or `gemini`) in a child process, so that benchmarks measure
 * the client instead of a server competing for the same event loop. Only plain options cross the process boundary
 * (latency, API key); scripted faults need the in-process servers. From TypeScript sources (tsx, vitest) the child
 * runs under `--import tsx`.
 */
export async function startFakeServerProcess(options: {
  readonly protocol: "openai" | "anthropic" | "gemini";
  readonly latencyMs?: number;
  readonly apiKey?: string;
}): Promise<FakeServerProcess> {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = fileURLToPath(new URL(`./fake-server-process.${fromSource ? "ts" : "js"}`, import.meta.url));
  const child: ChildProcess = fork(entry, [JSON.stringify(options)], {
    execArgv: fromSource ? ["--import", "tsx"] : [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const [ready] = (await Promise.race([
    once(child, "message"),
    once(child, "exit").then(([code]) => {
      throw new Error(`fake server process exited with code ${String(code)} before it was ready`);
    }),
  ])) as [{ type: string; origin: string }];
  let waiting: Array<(count: number) => void> = [];
  child.on("message", (message: { type: string; count?: number }) => {
    if (message.type !== "count") return;
    const resolvers = waiting;
    waiting = [];
    for (const resolve of resolvers) resolve(message.count ?? 0);
  });
  return {
    origin: ready.origin,
    pid: child.pid,
    requestCount: () =>
      new Promise<number>((resolve) => {
        waiting.push(resolve);
        child.send({ type: "count" });
      }),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.send({ type: "close" });
      await exited;
    },
  };
}
