import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./cli-io.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's arguments with `node:util` parseArgs (strict: unknown flags are errors) and turns
 * parse failures into a {@link UsageError} that names the command's `--help`.
 */
export function parseOptions<const T extends OptionsConfig>(options: {
  command: string;
  argv: readonly string[];
  options: T;
  allowPositionals?: boolean;
}) {
  try {
    return parseArgs({
      args: [...options.argv],
      options: { ...options.options, help: { type: "boolean", short: "h" } } as T & {
        help: { type: "boolean"; short: "h" };
      },
      allowPositionals: options.allowPositionals ?? true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message}. Run \`judgelab ${options.command} --help\` for the options.`);
  }
}

/** Parses an integer option, or throws a UsageError naming the flag. */
export function parseIntegerOption(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new UsageError(`--${flag} must be an integer, got "${value}"`);
  return parsed;
}

/** Parses a number option, or throws a UsageError naming the flag. */
export function parseNumberOption(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new UsageError(`--${flag} must be a number, got "${value}"`);
  return parsed;
}
