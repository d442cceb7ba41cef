/**
 * What a command may touch: its arguments, output streams, working directory and environment.
 * Commands receive this instead of reaching for `process`, so tests run them in-process.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory that relative paths resolve against (the user's shell directory, even under `pnpm judgelab`). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stdout is an interactive terminal (progress bars, colours). */
  readonly isTty: boolean;
  /** True when stderr is an interactive terminal (progress bars drawn in place); absent means false. */
  readonly stderrIsTty?: boolean;
  /** Aborted on Ctrl-C: long-running commands stop scheduling and leave resumable state. */
  readonly signal: AbortSignal;
  /** Aborted on a second Ctrl-C: long-running commands also abandon work in flight, still leaving resumable state. */
  readonly abandonSignal: AbortSignal;
}

/** A command: parses its own arguments and returns the exit code (0 ok, 1 failure, 2 usage or input error). */
export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Exit codes shared by all commands. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;

/** An error in the user's input or arguments; the message says what to do. Exits with code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * `--help` (or `-h`) was given: the dispatcher prints `text` to stdout and exits 0. Thrown by
 * `parseOptions` so that every command handles help the same way, even next to an unknown or incomplete option.
 */
export class HelpRequested extends Error {
  override readonly name = "HelpRequested";
  readonly text: string;

  constructor(text: string) {
    super("help requested");
    this.text = text;
  }
}
