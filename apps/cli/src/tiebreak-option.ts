import { UsageError } from "./cli-io.js";

/** Parses `--tiebreak`: only `title-hash` (the seed system's SHA-256-of-the-title order) is known. */
export function parseTiebreak(value: string | undefined): "title-hash" | undefined {
  if (value === undefined) return undefined;
  if (value !== "title-hash") throw new UsageError(`--tiebreak takes "title-hash", got "${value}"`);
  return value;
}
