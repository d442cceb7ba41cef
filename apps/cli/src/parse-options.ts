import { type ParseArgsConfig, parseArgs } from "node:util";
import { HelpRequested, UsageError } from "./cli-io.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's arguments with `node:util` parseArgs (strict: unknown flags are errors) and turns parse
 * failures into a {@link UsageError} in our own words: the flag, what is wrong, the closest known flag
 * ("did you mean --seed?") and the command's `--help`. With `--help` or `-h` anywhere before `--` it throws
 * {@link HelpRequested} with the command's `help` (a text, or a function of the positionals, e.g. import's
 * per-format help), which the dispatcher prints: one help convention for every command.
 */
export function parseOptions<const T extends OptionsConfig>(options: {
  command: string;
  argv: readonly string[];
  options: T;
  help: string | ((positionals: readonly string[]) => string);
  allowPositionals?: boolean;
}) {
  const end = options.argv.indexOf("--");
  const flags = end < 0 ? options.argv : options.argv.slice(0, end);
  if (flags.includes("--help") || flags.includes("-h")) {
    const help = options.help;
    if (typeof help === "string") throw new HelpRequested(help);
    const loose = parseArgs({
      args: [...options.argv],
      options: options.options,
      allowPositionals: true,
      strict: false,
    });
    throw new HelpRequested(help(loose.positionals));
  }
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
    const known = [...Object.keys(options.options), "help"];
    throw new UsageError(
      `${describeParseError(error, known)}; run \`judgelab ${options.command} --help\` for the options`,
    );
  }
}

/** The parse error of `node:util` parseArgs in one clean sentence (its own text has unbalanced quotes). */
function describeParseError(error: unknown, known: readonly string[]): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && flag !== undefined) {
    const suggestion = closestOption(flag.replace(/^-+/, ""), known);
    return `unknown option ${flag}${suggestion === undefined ? "" : ` (did you mean --${suggestion}?)`}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && flag !== undefined) {
    return /argument missing/.test(message)
      ? `${flag} needs a value, e.g. ${flag} VALUE`
      : `${flag} takes no value (it is a switch)`;
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return "this command takes no positional arguments";
  return message.replace(/'/g, "");
}

/** The known option nearest to `name` by edit distance (at most a third of its length, min 2), or a prefix match. */
export function closestOption(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const distance = candidate.startsWith(name) || name.startsWith(candidate) ? 1 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance (insertions, deletions, substitutions), two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The seed every command uses when `--seed` is not given (rate, analyze, report; the demo keeps its own example
 * seed 2026, which reproduces the committed example report). Written into every output.
 */
export const DEFAULT_SEED = 1;

/** `--seed S`: an integer, default {@link DEFAULT_SEED}. */
export function parseSeedOption(value: string | undefined): number {
  return parseIntegerOption("seed", value, DEFAULT_SEED);
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
