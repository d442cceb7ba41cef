#!/usr/bin/env node
import { runCli } from "./run-cli.js";

const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  process.stderr.write("\nStopping: finishing in-flight work (press Ctrl-C again to abort now)\n");
  controller.abort();
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // Under `pnpm judgelab`, pnpm runs in the repo root; INIT_CWD is the user's own directory.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
  isTty: Boolean(process.stdout.isTTY),
  signal: controller.signal,
});
process.exitCode = code;
