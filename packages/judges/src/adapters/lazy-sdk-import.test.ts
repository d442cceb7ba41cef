import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = mkdtempSync(join(tmpdir(), "judgelab-lazy-sdk-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const packageDir = resolve(import.meta.dirname, "../..");
const SDK_PATTERN = /node_modules\/(openai|@anthropic-ai\/sdk|@google\/genai)\//;

/** A module-resolution hook (runs on the loader thread) that reports every SDK module URL to the main thread. */
const HOOK = `let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const match = ${SDK_PATTERN}.exec(result.url);
  if (match !== null) port.postMessage(match[1]);
  return result;
}
`;

/**
 * Imports the package in a fresh process with the hook installed, then runs `after` (a snippet using `judges`),
 * printing the SDKs resolved before and after it.
 */
function sdksLoaded(after: string): { atImport: string[]; afterUse: string[] } {
  const hook = join(root, "hook.mjs");
  writeFileSync(hook, HOOK);
  const script = join(root, "probe.mjs");
  writeFileSync(
    script,
    `import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";
const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on("message", (name) => seen.add(name));
register(${JSON.stringify(pathToFileURL(hook).href)}, { data: { port: port2 }, transferList: [port2] });
const settle = () => new Promise((done) => setTimeout(done, 50));
const judges = await import(${JSON.stringify(pathToFileURL(join(packageDir, "src/index.ts")).href)});
await settle();
const atImport = [...seen].sort();
${after}
await settle();
port1.close();
process.stdout.write(JSON.stringify({ atImport, afterUse: [...seen].sort() }));
`,
  );
  const child = spawnSync(process.execPath, ["--import", "tsx", "--conditions=source", script], {
    cwd: packageDir,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout) as { atImport: string[]; afterUse: string[] };
}

describe("provider SDKs load on first use", () => {
  it("importing the package and building judges loads no SDK; the first call loads only its own", {
    timeout: 90_000,
  }, () => {
    const { atImport, afterUse } = sdksLoaded(`
const options = { model: "m", apiKey: "k", baseURL: "http://127.0.0.1:9" };
judges.createOpenAIChatJudge(options);
judges.createOpenAIResponsesJudge(options);
judges.createOpenAICompatibleJudge(options);
judges.createGeminiJudge(options);
judges.createOpenAIBatchClient(options);
judges.createAnthropicBatchClient(options);
const claude = judges.createAnthropicMessagesJudge(options);
await settle();
if (seen.size > 0) throw new Error("an SDK loaded while building judges: " + [...seen]);
const request = { first: { id: "a", text: "A" }, second: { id: "b", text: "B" }, template: judges.paperImpactTemplate, repetition: 0 };
// Port 9 (discard) refuses the connection: the call fails, but only after the adapter loaded its SDK.
await claude.judge(request, { timeoutMs: 5000 }).catch((error) => {
  if (!judges.JudgeCallError.isInstance(error)) throw error;
});
`);
    expect(atImport).toEqual([]);
    expect(afterUse).toEqual(["@anthropic-ai/sdk"]);
  });
});
