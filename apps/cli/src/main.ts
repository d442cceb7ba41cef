#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// Ctrl-C: the first stops scheduling, the second abandons in-flight work (both leave a resumable run, with the
// log flushed by the command), the third exits at once.
const stop = new AbortController();
const abandon = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts += 1;
  if (interrupts === 1) {
    process.stderr.write("\nStopping: finishing in-flight work (Ctrl-C again abandons it)\n");
    stop.abort();
  } else if (interrupts === 2) {
    process.stderr.write("\nAbandoning in-flight work; resume retries it (Ctrl-C again exits at once)\n");
    abandon.abort();
  } else process.exit(130);
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // Under `pnpm judgelab`, pnpm runs in the repo root; INIT_CWD is the user's own directory.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
  isTty: Boolean(process.stdout.isTTY),
  stderrIsTty: Boolean(process.stderr.isTTY),
  signal: stop.signal,
  abandonSignal: abandon.signal,
});
process.exitCode = code;
