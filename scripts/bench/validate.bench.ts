/**
 * Validation throughput: generates 1,000,000 comparisons as JSONL in os.tmpdir(), then measures
 *   (a) raw: streaming line splitting + JSON.parse, nothing else;
 *   (b) loadDataset: the same reading plus ajv validation, referential checks, duplicate-id detection
 *       and dictionary encoding into the columnar table;
 * each in a fresh child process (phases alternating, best of N runs by CPU time), and prints records per CPU second (and per
 * wall-clock second), the ratio b/a
 * (target >= 0.5) and each phase's peak RSS (target < 1 GB).
 * Then (c) `validateDataset` (no table: what `judgelab validate` does) on the file and on a quarter of it: the peak
 * RSS difference over the row difference is the memory per comparison above a fixed base (target <= 32 bytes;
 * duplicate-id detection keeps 64-bit hashes in typed arrays, 10.7-21.3 bytes per id). It is measured twice: as the
 * peak RSS with a full garbage collection after every 1 MiB batch (what the data structures hold: the target), and
 * as the plain peak RSS (which adds collector slack that varies by tens of MB with the machine's load).
 * Usage: pnpm bench validate [rows] [runs]   (defaults 1000000 rows, best of 3 runs)
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
// The repository root does not depend on the workspace packages, so import the package's public entry point.
import { loadDataset, readLineBatches, validateDataset } from "@judgelab/datasets";

const target = { ratio: 0.5, rssBytes: 1024 ** 3, bytesPerComparison: 32 };

interface PhaseResult {
  phase: string;
  rows: number;
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds (user + system) of the phase: robust when other processes share the machine. */
  cpuSeconds: number;
  maxRssBytes: number;
  /** Phase `validate-live`: peak RSS sampled right after a full collection at every batch (run with --expose-gc). */
  liveRssBytes?: number;
}

/** Writes `rows` comparisons over 1,000 items and 3 judges (deterministic, no randomness needed). */
async function generate(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const judges = ["gemini-3", "gpt-5.2", "claude-opus-4.6"];
  const verdicts = ["first", "second", "first", "second", "tie"];
  let buffer = "";
  for (let row = 0; row < rows; row++) {
    const a = (row * 7919) % 1000;
    const b = (a + 1 + ((row * 104729) % 999)) % 1000;
    const record = {
      id: `cmp-${row}`,
      first: `paper-${a}`,
      second: `paper-${b}`,
      order: "known",
      verdict: verdicts[row % verdicts.length],
      judge: judges[row % 3],
      matchId: `match-${row >> 1}`,
      createdAt: `2026-05-${String(1 + (row % 28)).padStart(2, "0")}T12:00:00Z`,
    };
    buffer += `${JSON.stringify(record)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "close");
}

async function runPhase(phase: string, file: string): Promise<void> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let rows = 0;
  let liveRssBytes = 0;
  if (phase === "raw") {
    for await (const batch of readLineBatches(file)) {
      for (const line of batch.lines) {
        if (line.length === 0) continue;
        JSON.parse(line);
        rows++;
      }
    }
  } else if (phase === "validate" || phase === "validate-live") {
    const gc = (globalThis as { gc?: () => void }).gc;
    const report = await validateDataset(file, {
      onProgress: () => {
        if (gc === undefined) return;
        gc();
        liveRssBytes = Math.max(liveRssBytes, process.memoryUsage().rss);
      },
    });
    if (!report.ok) throw new Error(`${file} does not validate: ${JSON.stringify(report.problems.slice(0, 3))}`);
    rows = report.counts.comparisons;
  } else {
    const dataset = await loadDataset(file);
    rows = dataset.table.size;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const result: PhaseResult = {
    phase,
    rows,
    seconds,
    cpuSeconds,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    ...(phase === "validate-live" ? { liveRssBytes } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function measure(phase: string, file: string): PhaseResult {
  const self = fileURLToPath(import.meta.url);
  const flags = phase === "validate-live" ? ["--expose-gc"] : [];
  const child = spawnSync(process.execPath, [...process.execArgv, ...flags, self, "phase", phase, file], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`phase ${phase} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) as string) as PhaseResult;
}

async function main(): Promise<void> {
  if (process.argv[2] === "phase") {
    await runPhase(process.argv[3] as string, process.argv[4] as string);
    return;
  }
  const rows = Number(process.argv[2] ?? 1_000_000);
  const runs = Number(process.argv[3] ?? 3);
  const dir = path.join(tmpdir(), "judgelab-bench");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `comparisons-${rows}.jsonl`);
  const quarterRows = Math.floor(rows / 4);
  const quarterFile = path.join(dir, `comparisons-${quarterRows}.jsonl`);
  for (const [name, count] of [
    [file, rows],
    [quarterFile, quarterRows],
  ] as const) {
    if (existsSync(name)) continue;
    const started = performance.now();
    await generate(name, count);
    process.stdout.write(`generated ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(
    `file: ${file} (${(statSync(file).size / 1024 ** 2).toFixed(0)} MiB, ${rows} rows), best of ${runs} runs\n`,
  );
  // Alternate the phases (raw, load, raw, load, ...) so a change in the machine's load hits both alike.
  const results: Record<string, PhaseResult[]> = { raw: [], load: [] };
  const validateRss = { full: Number.POSITIVE_INFINITY, quarter: Number.POSITIVE_INFINITY };
  const validateLive = { full: Number.POSITIVE_INFINITY, quarter: Number.POSITIVE_INFINITY };
  for (let run = 0; run < runs; run++) {
    for (const phase of ["raw", "load"]) results[phase]?.push(measure(phase, file));
  }
  // Lowest peak of each size over at least 3 runs: garbage-collection timing only ever adds to a peak.
  for (let run = 0; run < Math.max(runs, 3); run++) {
    for (const [size, name] of [
      ["full", file],
      ["quarter", quarterFile],
    ] as const) {
      validateRss[size] = Math.min(validateRss[size], measure("validate", name).maxRssBytes);
      const live = measure("validate-live", name);
      validateLive[size] = Math.min(validateLive[size], live.liveRssBytes ?? Number.POSITIVE_INFINITY);
    }
  }
  const best = (phase: string): PhaseResult =>
    (results[phase] ?? []).reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
  const raw = best("raw");
  const load = best("load");
  for (const result of [raw, load]) {
    if (result.rows !== rows) throw new Error(`${result.phase} read ${result.rows} rows, expected ${rows}`);
  }
  // Records per CPU second: wall time swings with other processes on a shared machine, CPU time much less.
  const rate = (result: PhaseResult) => result.rows / result.cpuSeconds;
  const wallRate = (result: PhaseResult) => result.rows / result.seconds;
  const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
  const format = (value: number) => Math.round(value).toLocaleString("en-US").padStart(10);
  const describe = (result: PhaseResult) =>
    `${format(rate(result))} records/CPU-s (${result.cpuSeconds.toFixed(2)} CPU-s; wall ${result.seconds.toFixed(2)} s = ${format(wallRate(result)).trim()} records/s; peak RSS ${mib(result.maxRssBytes)})`;
  const ratio = rate(load) / rate(raw);
  const lines = [
    `(a) raw split + JSON.parse     ${describe(raw)}`,
    `(b) validate + columnar table  ${describe(load)}`,
    `ratio b/a: ${ratio.toFixed(2)} (target >= ${target.ratio}) ${ratio >= target.ratio ? "OK" : "BELOW TARGET"}; wall-clock ratio ${(wallRate(load) / wallRate(raw)).toFixed(2)}`,
    `peak RSS of (b): ${mib(load.maxRssBytes)} (target < ${mib(target.rssBytes)}) ${load.maxRssBytes < target.rssBytes ? "OK" : "ABOVE TARGET"}`,
  ];
  const slope = (peaks: { full: number; quarter: number }) => (peaks.full - peaks.quarter) / (rows - quarterRows);
  const perComparison = slope(validateLive);
  const base = validateLive.quarter - perComparison * quarterRows;
  lines.push(
    `(c) validate peak live RSS (full GC every batch): ${mib(validateLive.quarter)} at ${quarterRows} rows, ` +
      `${mib(validateLive.full)} at ${rows} rows → ${perComparison.toFixed(1)} bytes per comparison above a base of ` +
      `${mib(base)} (target <= ${target.bytesPerComparison}) ` +
      `${perComparison <= target.bytesPerComparison ? "OK" : "ABOVE TARGET"}`,
    `    plain peak RSS (separate runs, no forced GC): ${mib(validateRss.quarter)} → ${mib(validateRss.full)} = ` +
      `${slope(validateRss).toFixed(1)} bytes per comparison including garbage-collector slack`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}

await main();
