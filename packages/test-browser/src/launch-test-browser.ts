import { existsSync } from "node:fs";
import { mkdir, rmdir, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type Browser, chromium, type LaunchOptions } from "playwright-core";

/** Where a system Chromium is looked for, in order (Debian's `chromium` first). */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
];

/** Headless flags for a system Chromium (never `--user-data-dir`: playwright manages the profile). */
export const SYSTEM_CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A Chromium to launch: its binary, the flags it needs and where it came from. */
export interface TestChromium {
  readonly executablePath: string;
  readonly args: readonly string[];
  /** `system` (a Chromium installed on the machine) or `bundled` (unpacked from `@sparticuz/chromium`). */
  readonly source: "system" | "bundled";
}

export interface LaunchTestBrowserOptions {
  /**
   * `system` (default) takes the first existing {@link SYSTEM_CHROMIUM_PATHS} entry and falls back to the bundled
   * Chromium; `bundled` always takes the bundled one.
   */
  readonly prefer?: "system" | "bundled";
  /** Paths tried for a system Chromium. Default {@link SYSTEM_CHROMIUM_PATHS}. */
  readonly systemPaths?: readonly string[];
  /** Extra playwright launch options (`executablePath` and `args` are set here). */
  readonly launchOptions?: Omit<LaunchOptions, "executablePath" | "args">;
}

/**
 * Finds the Chromium for browser tests without root, apt or a browser download: a system Chromium when one is
 * installed, else the Chromium shipped inside the `@sparticuz/chromium` package, which unpacks itself into the
 * temporary folder (`/tmp/chromium`, about 4 s on first use, then reused). The unpacking is serialised across
 * processes with a lock folder, because test packages run in parallel and the package reuses `/tmp/chromium`
 * as soon as it exists, even half-written.
 */
export async function resolveTestChromium(options: LaunchTestBrowserOptions = {}): Promise<TestChromium> {
  if ((options.prefer ?? "system") === "system") {
    const system = (options.systemPaths ?? SYSTEM_CHROMIUM_PATHS).find((candidate) => existsSync(candidate));
    if (system !== undefined) return { executablePath: system, args: SYSTEM_CHROMIUM_ARGS, source: "system" };
  }
  const { default: bundled } = await import("@sparticuz/chromium");
  const executablePath = await withUnpackLock(() => bundled.executablePath());
  // `--single-process` is for AWS Lambda's sandbox; under playwright it ends the whole browser when the first
  // page's context closes, so every later `newPage` fails. Multi-process works with `--no-sandbox --no-zygote`.
  const args = bundled.args.filter((flag) => flag !== "--single-process");
  return { executablePath, args, source: "bundled" };
}

/** Launches a headless Chromium for tests (see {@link resolveTestChromium}); the caller closes it. */
export async function launchTestBrowser(options: LaunchTestBrowserOptions = {}): Promise<Browser> {
  const found = await resolveTestChromium(options);
  try {
    return await chromium.launch({
      ...options.launchOptions,
      executablePath: found.executablePath,
      args: [...found.args],
    });
  } catch (error) {
    const hint =
      found.source === "bundled"
        ? `the Chromium unpacked from @sparticuz/chromium at ${found.executablePath} did not start; if an earlier ` +
          `unpacking was interrupted, delete ${found.executablePath} and ${path.join(os.tmpdir(), "fonts")} and run again`
        : `the system Chromium ${found.executablePath} did not start; check it runs (\`${found.executablePath} --version\`) ` +
          `or test with the bundled one (prefer: "bundled")`;
    throw new Error(`${hint}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

const LOCK_STALE_MS = 120_000;

/** Runs `task` while holding a lock folder in the temporary folder; a lock older than 2 minutes is taken over. */
async function withUnpackLock<T>(task: () => Promise<T>): Promise<T> {
  const lock = path.join(os.tmpdir(), "judgelab-chromium-unpack.lock");
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = await stat(lock).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > LOCK_STALE_MS) await rmdir(lock).catch(() => undefined);
      else await sleep(100);
    }
  }
  try {
    return await task();
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}
