import { spawn } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
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
 * installed, else the Chromium shipped inside the `@sparticuz/chromium` package ({@link unpackBundledChromium}).
 */
export async function resolveTestChromium(options: LaunchTestBrowserOptions = {}): Promise<TestChromium> {
  if ((options.prefer ?? "system") === "system") {
    const system = (options.systemPaths ?? SYSTEM_CHROMIUM_PATHS).find((candidate) => existsSync(candidate));
    if (system !== undefined) return { executablePath: system, args: SYSTEM_CHROMIUM_ARGS, source: "system" };
  }
  const { default: bundled } = await import("@sparticuz/chromium");
  const executablePath = await unpackBundledChromium();
  try {
    accessSync(executablePath, constants.X_OK);
  } catch {
    throw new Error(
      `${executablePath} exists but this user cannot run it (unpacked by another user?): set TMPDIR to a folder of ` +
        "your own, or install a system Chromium",
    );
  }
  // `--single-process` is for AWS Lambda's sandbox; under playwright it ends the whole browser when the first
  // page's context closes, so every later `newPage` fails. Multi-process works with `--no-sandbox --no-zygote`.
  const args = bundled.args.filter((flag) => flag !== "--single-process");
  return { executablePath, args, source: "bundled" };
}

/**
 * Unpacks the Chromium of `@sparticuz/chromium` (the binary, its SwiftShader GL libraries, which it loads from its
 * own folder, and fonts; about 200 MB) once per version into `<tmp>/judgelab-chromium-<version>/` and returns the
 * binary's path. The package itself unpacks into the temporary folder and reuses `<tmp>/chromium` as soon as the
 * file exists, even half-written by an interrupted run; so it runs here in a child process whose TMPDIR is a
 * staging folder, which is renamed into place only when complete. Test packages run in parallel: a lock file
 * (holding the owner's pid; taken over when that process is gone) lets one process unpack while the others wait.
 * On a loaded machine this can take minutes (about 4 s of CPU): callers give it a long timeout.
 */
export async function unpackBundledChromium(): Promise<string> {
  const require = createRequire(import.meta.url);
  const packageRoot = path.resolve(path.dirname(require.resolve("@sparticuz/chromium")), "../..");
  const { version } = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string };
  const target = path.join(os.tmpdir(), `judgelab-chromium-${version}`);
  const binary = path.join(target, "chromium");
  if (existsSync(binary)) return binary;
  return withLock(`${target}.lock`, async () => {
    if (existsSync(binary)) return binary;
    const folder = path.dirname(target);
    for (const name of await readdir(folder)) {
      if (name.startsWith(`${path.basename(target)}.partial-`))
        await rm(path.join(folder, name), { recursive: true, force: true });
    }
    const staging = `${target}.partial-${process.pid}`;
    await mkdir(staging);
    const entry = pathToFileURL(path.join(packageRoot, "build", "esm", "index.js")).href;
    const script = "const m = await import(process.argv[1]); process.stdout.write(await m.default.executablePath());";
    const { status, stdout, stderr } = await runNode(["--input-type=module", "-e", script, entry], {
      ...process.env,
      TMPDIR: staging,
    });
    if (status !== 0 || stdout.trim() !== path.join(staging, "chromium")) {
      await rm(staging, { recursive: true, force: true });
      throw new Error(`could not unpack @sparticuz/chromium ${version} into ${staging} (exit ${status}): ${stderr}`);
    }
    await rename(staging, target);
    return binary;
  });
}

function runNode(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
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
        ? `the Chromium unpacked from @sparticuz/chromium at ${found.executablePath} did not start; delete ` +
          `${path.dirname(found.executablePath)} to unpack it again`
        : `the system Chromium ${found.executablePath} did not start; check it runs (\`${found.executablePath} --version\`) ` +
          `or test with the bundled one (prefer: "bundled")`;
    throw new Error(`${hint}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Runs `task` while holding `lock` (a file with the holder's pid); a lock whose process is gone is taken over. */
async function withLock<T>(lock: string, task: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await writeFile(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(await readFile(lock, "utf8").catch(() => ""), 10);
      if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) await rm(lock, { force: true });
      else await sleep(200);
    }
  }
  try {
    return await task();
  } finally {
    await rm(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
