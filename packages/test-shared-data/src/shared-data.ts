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

/** The environment variables read here (a parameter so that tests can pass their own). */
export type SharedDataEnv = Readonly<Record<string, string | undefined>>;

/** The shared folder: `$JUDGELAB_SHARED_DIR`, else `<repo>/../shared`. */
export function sharedDataRoot(env: SharedDataEnv = process.env): string {
  const fromEnv = env.JUDGELAB_SHARED_DIR;
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

/** What to do with a test that needs shared data: run it, fail it (CI) or skip it under a marked title. */
export type SharedDataPlan =
  | { readonly action: "run"; readonly title: string }
  | { readonly action: "fail"; readonly title: string; readonly message: string }
  | { readonly action: "skip"; readonly title: string };

/** Decides {@link SharedDataPlan} for a test titled `title` that needs `needs` (paths in the shared folder). */
export function planSharedDataTest(
  needs: string | readonly string[],
  title: string,
  env: SharedDataEnv = process.env,
): SharedDataPlan {
  const root = sharedDataRoot(env);
  const missing = (typeof needs === "string" ? [needs] : needs)
    .map((relative) => path.join(root, relative))
    .find((file) => !existsSync(file));
  if (missing === undefined) return { action: "run", title };
  const ci = env.CI;
  if (ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false") {
    const message =
      `shared data not found at ${missing}: CI=true requires it. Put the shared folder next to the repository ` +
      `(${path.resolve(repoRoot, "../shared")}) or set JUDGELAB_SHARED_DIR to it`;
    return { action: "fail", title, message };
  }
  return { action: "skip", title: `${title} ${SHARED_DATA_SKIP_MARK}${missing}]` };
}

/**
 * `describe` for tests that read shared data (`needs`: paths relative to the shared folder, such as
 * `datasets/llmbar`). The body still runs for collection when skipped, so it must not read the data at the top
 * level without checking {@link hasSharedData}.
 */
export function describeWithSharedData(needs: string | readonly string[], title: string, body: () => void): void {
  const plan = planSharedDataTest(needs, title);
  if (plan.action === "run") describe(plan.title, body);
  else if (plan.action === "skip") describe.skip(plan.title, body);
  else
    describe(plan.title, () => {
      it("has its shared data", () => {
        throw new Error(plan.message);
      });
    });
}

/** `it` for one test that reads shared data; see {@link describeWithSharedData}. */
export function itWithSharedData(
  needs: string | readonly string[],
  title: string,
  body: () => unknown,
  timeout?: number,
): void {
  const plan = planSharedDataTest(needs, title);
  if (plan.action === "run") it(plan.title, body, timeout);
  else if (plan.action === "skip") it.skip(plan.title, body, timeout);
  else
    it(plan.title, () => {
      throw new Error(plan.message);
    });
}
