import { describe, expect, it } from "vitest";
import { createDownloadProgress, formatBytes } from "./download-progress.js";

function recorder(style: "tty" | "plain" | "quiet") {
  let clock = 0;
  let text = "";
  const progress = createDownloadProgress({
    style,
    write: (chunk) => {
      text += chunk;
    },
    now: () => clock,
  });
  return {
    progress,
    advance: (milliseconds: number) => {
      clock += milliseconds;
    },
    text: () => text,
  };
}

describe("download progress", () => {
  it("formats byte counts in decimal units", () => {
    expect([0, 999, 1000, 1_234_567, 5e9].map(formatBytes)).toEqual(["0 B", "999 B", "1.0 kB", "1.2 MB", "5.0 GB"]);
  });

  it("redraws one bar in place on a terminal, at most every 100 ms, with bytes, total and rate", () => {
    const run = recorder("tty");
    run.progress.onBytes("a.parquet", { bytes: 0, total: 4_000_000, resumedFrom: 0 });
    run.advance(50);
    run.progress.onBytes("a.parquet", { bytes: 100_000, total: 4_000_000, resumedFrom: 0 });
    run.advance(950);
    run.progress.onBytes("a.parquet", { bytes: 2_000_000, total: 4_000_000, resumedFrom: 0 });
    run.advance(1000);
    run.progress.onBytes("a.parquet", { bytes: 4_000_000, total: 4_000_000, resumedFrom: 0 });
    run.progress.onFile({ path: "a.parquet", status: "downloaded", check: "size", bytes: 4_000_000, resumedFrom: 0 });
    const frames = run.text().split("\r\x1b[2K").filter(Boolean);
    expect(frames).toHaveLength(3);
    expect(frames[1]).toBe(`a.parquet  [${"#".repeat(12)}${".".repeat(12)}]  50%  2.0 MB / 4.0 MB  2.0 MB/s`);
    expect(frames[2]).toBe(
      `a.parquet  [${"#".repeat(24)}] 100%  4.0 MB / 4.0 MB  2.0 MB/s\ndownloaded a.parquet (4.0 MB; no checksum known; size-checked only)\n`,
    );
  });

  it("prints plain lines without a terminal: the start, every 15 s, and the finished file; nothing when quiet", () => {
    const run = recorder("plain");
    run.progress.onBytes("b.csv", { bytes: 1000, total: 9000, resumedFrom: 1000 });
    run.advance(10_000);
    run.progress.onBytes("b.csv", { bytes: 5000, total: 9000, resumedFrom: 1000 });
    run.advance(6000);
    run.progress.onBytes("b.csv", { bytes: 9000, total: 9000, resumedFrom: 1000 });
    run.progress.onFile({ path: "b.csv", status: "downloaded", check: "sha256", bytes: 9000, resumedFrom: 1000 });
    run.progress.onFile({ path: "c.csv", status: "cached", check: "sha256", bytes: 10, resumedFrom: 0 });
    expect(run.text()).toBe(
      [
        "downloading b.csv (resuming at 1.0 kB)",
        "  b.csv: 9.0 kB / 9.0 kB  500 B/s",
        "resumed b.csv from 1.0 kB (9.0 kB; sha256 ok)",
        "reused c.csv (10 B; sha256 ok)",
        "",
      ].join("\n"),
    );
    const quiet = recorder("quiet");
    quiet.progress.onBytes("b.csv", { bytes: 1, total: 2, resumedFrom: 0 });
    quiet.progress.onFile({ path: "b.csv", status: "downloaded", check: "sha256", bytes: 2, resumedFrom: 0 });
    expect(quiet.text()).toBe("");
  });
});
