import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

/**
 * Parity tests read third-party data that is never committed: the `shared` folder next to the repository
 * (`<repo>/../shared`, with `datasets/` and `seed/`), or the folder `JUDGELAB_SHARED_DIR` names.
 *
 * When a test's data is missing:
 * - under `CI=true` the test fails (CI always has the data, so its absence is a broken set-up, not a pass);
 * - elsewhere (a user's clone) it is skipped, and its title carries {@link SHARED_DATA_SKIP_MARK} and the missing
 *   path, which `scripts/summarize-tests.mjs` turns into one line saying why and where the data is expected.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Start of the title suffix of a test skipped for missing shared data (read by scripts/summarize-tests.mjs). */
export const SHARED_DATA_SKIP_MARK = "[skipped: shared data not found at ";

/** The shared folder: `$JUDGELAB_SHARED_DIR`, else `<repo>/../shared`. */
export function sharedDataRoot(): string {
  const fromEnv = process.env.JUDGELAB_SHARED_DIR;
  return fromEnv !== undefined && fromEnv !== "" ? path.resolve(fromEnv) : path.resolve(repoRoot, "../shared");
}

/** Path inside the shared folder, e.g. `sharedDataPath("datasets", "llmbar")`. */
export function sharedDataPath(...parts: string[]): string {
  return path.join(sharedDataRoot(), ...parts);
}

/** True when every given shared path (relative to the shared folder) exists. */
export function hasSharedData(...relativePaths: string[]): boolean {
  return relativePaths.every((relative) => existsSync(sharedDataPath(relative)));
}

function missingPath(relativePaths: readonly string[]): string | undefined {
  return relativePaths.map((relative) => sharedDataPath(relative)).find((file) => !existsSync(file));
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
}

function missingMessage(file: string): string {
  return (
    `shared data not found at ${file}: CI=true requires it. Put the shared folder next to the repository ` +
    `(${path.resolve(repoRoot, "../shared")}) or set JUDGELAB_SHARED_DIR to it`
  );
}

/**
 * `describe` for tests that read shared data (`needs`: paths relative to the shared folder, such as
 * `datasets/llmbar`). The body still runs for collection when skipped, so it must not read the data at the top
 * level without checking {@link hasSharedData}.
 */
export function describeWithSharedData(needs: string | readonly string[], title: string, body: () => void): void {
  const missing = missingPath(typeof needs === "string" ? [needs] : needs);
  if (missing === undefined) describe(title, body);
  else if (isCi())
    describe(title, () => {
      it("has its shared data", () => {
        throw new Error(missingMessage(missing));
      });
    });
  else describe.skip(`${title} ${SHARED_DATA_SKIP_MARK}${missing}]`, body);
}

/** `it` for one test that reads shared data; see {@link describeWithSharedData}. */
export function itWithSharedData(
  needs: string | readonly string[],
  title: string,
  body: () => unknown,
  timeout?: number,
): void {
  const missing = missingPath(typeof needs === "string" ? [needs] : needs);
  if (missing === undefined) it(title, body, timeout);
  else if (isCi())
    it(title, () => {
      throw new Error(missingMessage(missing));
    });
  else it.skip(`${title} ${SHARED_DATA_SKIP_MARK}${missing}]`, body, timeout);
}
