export { type CliIo, type Command, ExitCode, UsageError } from "./cli-io.js";
export { commands } from "./commands.js";
export { runCli } from "./run-cli.js";
