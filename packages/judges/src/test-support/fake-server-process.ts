import { startFakeAnthropicServer } from "./fake-anthropic-server.js";
import { startFakeGeminiServer } from "./fake-gemini-server.js";
import { startFakeOpenAIServer } from "./fake-openai-server.js";
import type { FakeServer } from "./fake-server-core.js";

/**
 * Child-process entry of `startFakeServerProcess`: argv[2] is a JSON `{protocol, latencyMs?, apiKey?}`. Sends
 * `{type: "ready", origin}` over IPC, answers `count`, and exits on `close` or when the parent goes away.
 */
const settings = JSON.parse(process.argv[2] ?? "{}") as {
  protocol: "openai" | "anthropic" | "gemini";
  latencyMs?: number;
  apiKey?: string;
};
const options = {
  ...(settings.latencyMs === undefined ? {} : { latencyMs: settings.latencyMs }),
  ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
};
const server: FakeServer =
  settings.protocol === "openai"
    ? await startFakeOpenAIServer(options)
    : settings.protocol === "anthropic"
      ? await startFakeAnthropicServer(options)
      : await startFakeGeminiServer(options);
process.send?.({ type: "ready", origin: server.origin });
process.on("message", (message: { type: string }) => {
  if (message.type === "count") process.send?.({ type: "count", count: server.log.length });
  if (message.type === "close") server.close().finally(() => process.exit(0));
});
process.on("disconnect", () => {
  server.close().finally(() => process.exit(0));
});
