import { type CliIo, ExitCode, HelpRequested, UsageError } from "./cli-io.js";
import { type CommandEntry, commands } from "./commands.js";
import { closestOption } from "./parse-options.js";

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return `Usage: judgelab <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun \`judgelab <command> --help\` for a command's options.\n`;
}

/**
 * Dispatches `argv` to a subcommand and returns the exit code; never throws. A {@link UsageError} (the input or
 * arguments) exits 2 with its message; any other error is an internal failure and exits 1, said as such, with
 * its stack. `table` replaces the command table in tests.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  table: Readonly<Record<string, CommandEntry>> = commands,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const entry = table[name];
  if (entry === undefined) {
    const suggestion = closestOption(name, Object.keys(table));
    io.stderr(
      `judgelab: unknown command "${name}"${suggestion === undefined ? "" : ` (did you mean \`judgelab ${suggestion}\`?)`}\n\n${usage()}`,
    );
    return ExitCode.usage;
  }
  try {
    const command = await entry.load();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.stdout(error.text);
      return ExitCode.ok;
    }
    if (error instanceof UsageError) {
      io.stderr(`judgelab ${name}: ${error.message}\n`);
      return ExitCode.usage;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(
      `judgelab ${name}: internal error (not a problem with your input or arguments; please report it): ${message}\n`,
    );
    return ExitCode.failure;
  }
}
