import type { ProgressCounters } from "./progress-events.js";

/** What a progress line shows. */
export interface ProgressSnapshot {
  readonly counters: ProgressCounters;
  readonly round: number;
  readonly roundDone: number;
  readonly roundTotal: number;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
  /** Comparisons finished since the run started (for the rate). */
  readonly finished: number;
}

/**
 * One progress line: `round 3 [#######.....] 420/600 · 12.5/s · ETA 14s · $0.0123 · failed 3 (timeout 2, refusal 1)`.
 * `width` is the bar width in characters (0: no bar, for plain logs). ETA is for the current round: adaptive
 * schedules do not know later rounds in advance.
 */
export function formatProgress(snapshot: ProgressSnapshot, width = 24): string {
  const { counters, roundDone, roundTotal } = snapshot;
  const fraction = roundTotal === 0 ? 1 : roundDone / roundTotal;
  const filled = Math.round(fraction * width);
  const bar = width > 0 ? ` [${"#".repeat(filled)}${".".repeat(width - filled)}]` : "";
  const rate = snapshot.elapsedMs > 0 ? (snapshot.finished * 1000) / snapshot.elapsedMs : 0;
  const remaining = roundTotal - roundDone;
  const eta = rate > 0 ? formatDuration((remaining / rate) * 1000) : "?";
  const failures = Object.entries(counters.failedByKind).filter(([, count]) => (count ?? 0) > 0);
  const failedTotal = failures.reduce((sum, [, count]) => sum + (count ?? 0), 0);
  const failedText =
    failedTotal === 0
      ? ""
      : ` · failed ${failedTotal} (${failures.map(([kind, count]) => `${kind} ${count}`).join(", ")})`;
  return (
    `round ${snapshot.round}${bar} ${roundDone}/${roundTotal} · total ${counters.recorded}/${counters.planned} · ` +
    `${rate.toFixed(1)}/s · ETA ${eta} · $${counters.spentUsd.toFixed(4)}${failedText}` +
    (counters.invalid > 0 ? ` · invalid ${counters.invalid}` : "")
  );
}

/** `75s` → `1m15s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
