import { type CliIo, ExitCode, HelpRequested, UsageError } from "./cli-io.js";
import { commands } from "./commands.js";
import { closestOption } from "./parse-options.js";

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`);
  return `Usage: judgelab <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun \`judgelab <command> --help\` for a command's options.\n`;
}

/** Dispatches `argv` to a subcommand and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const entry = commands[name];
  if (entry === undefined) {
    const suggestion = closestOption(name, Object.keys(commands));
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
    io.stderr(`judgelab ${name}: unexpected error: ${message}\n`);
    return ExitCode.failure;
  }
}
