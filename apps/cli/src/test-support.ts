import type { CliIo } from "./cli-io.js";
import { runCli } from "./run-cli.js";

/** Result of running the CLI in-process for a test. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `judgelab <argv>` in-process with captured output (tests only). */
export async function runCliForTest(
  argv: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; signal?: AbortSignal; abandonSignal?: AbortSignal } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    isTty: false,
    signal: options.signal ?? new AbortController().signal,
    abandonSignal: options.abandonSignal ?? new AbortController().signal,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
