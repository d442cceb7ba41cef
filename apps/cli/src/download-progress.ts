import type { DownloadProgress, FetchProgress } from "@judgelab/importers";

/** `1234567` → `"1.2 MB"` (decimal units, as download sizes are usually shown). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

const BAR_WIDTH = 24;
/** Redraw a terminal bar at most this often. */
const REDRAW_MS = 100;
/** Without a terminal, print a plain progress line this often while a file downloads. */
const PLAIN_LINE_MS = 15_000;

/** How download progress is shown: a redrawn bar (`tty`), occasional plain lines (`plain`), or nothing. */
export type ProgressStyle = "tty" | "plain" | "quiet";

function describeAmount(progress: DownloadProgress, seconds: number): string {
  const fresh = progress.bytes - progress.resumedFrom;
  const rate = seconds > 0 ? `${formatBytes(Math.round(fresh / seconds))}/s` : "";
  const of = progress.total === undefined ? "" : ` / ${formatBytes(progress.total)}`;
  return `${formatBytes(progress.bytes)}${of}${rate === "" ? "" : `  ${rate}`}`;
}

function bar(progress: DownloadProgress): string {
  if (progress.total === undefined || progress.total === 0) return "";
  const fraction = Math.min(1, progress.bytes / progress.total);
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  `;
}

function describeCheck(file: FetchProgress): string {
  if (file.check === "sha256") return "sha256 ok";
  if (file.check === "size") return "no checksum known; size-checked only";
  return "no checksum or size known; not verified";
}

/**
 * Renders `datasets fetch` progress on stderr: per chunk `onBytes` (a bar with bytes, total and rate, redrawn in
 * place on a terminal; a plain line every 15 s otherwise) and per file `onFile` (one line: downloaded, resumed or
 * reused, with how the file was checked); `interrupt` ends an open bar. `now` is injectable for tests (milliseconds).
 */
export function createDownloadProgress(options: {
  readonly style: ProgressStyle;
  readonly write: (text: string) => void;
  readonly now?: () => number;
}) {
  const now = options.now ?? (() => performance.now());
  let current: { path: string; started: number; drawn: number; lineOpen: boolean } | undefined;

  function onBytes(path: string, progress: DownloadProgress): void {
    if (options.style === "quiet") return;
    const time = now();
    if (current?.path !== path) current = { path, started: time, drawn: -Infinity, lineOpen: false };
    const seconds = (time - current.started) / 1000;
    const complete = progress.total !== undefined && progress.bytes >= progress.total;
    if (options.style === "tty") {
      if (time - current.drawn < REDRAW_MS && !complete) return;
      options.write(`\r\x1b[2K${path}  ${bar(progress)}${describeAmount(progress, seconds)}`);
      current.lineOpen = true;
    } else {
      if (time - current.drawn < PLAIN_LINE_MS) return;
      if (current.drawn === -Infinity) {
        current.drawn = time;
        const from = progress.resumedFrom > 0 ? ` (resuming at ${formatBytes(progress.resumedFrom)})` : "";
        options.write(`downloading ${path}${from}\n`);
        return;
      }
      options.write(`  ${path}: ${describeAmount(progress, seconds)}\n`);
    }
    current.drawn = time;
  }

  function onFile(file: FetchProgress): void {
    if (options.style === "quiet") return;
    if (current?.lineOpen === true) options.write("\n");
    const verb = file.status === "cached" ? "reused" : file.resumedFrom > 0 ? "resumed" : "downloaded";
    const from = file.resumedFrom > 0 ? ` from ${formatBytes(file.resumedFrom)}` : "";
    options.write(`${verb} ${file.path}${from} (${formatBytes(file.bytes)}; ${describeCheck(file)})\n`);
    current = undefined;
  }

  /** Ends a bar left open on a terminal (before an error message, or when the fetch stops). */
  function interrupt(): void {
    if (current?.lineOpen === true) options.write("\n");
    current = undefined;
  }

  return { onBytes, onFile, interrupt };
}
