/**
 * `pnpm bench [filter]`: runs every `scripts/bench/*.bench.ts` one after the other, each in its own child
 * process (so peak memory and JIT state do not leak between benchmarks), or only those whose file name
 * starts with `filter` (`ratings` runs ratings, ratings-intervals and ratings-scale; `scale` only scale; further
 * arguments go to the benchmarks). Exits non-zero when any benchmark fails.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
/** Arguments after the filter are passed to each benchmark (e.g. `pnpm bench validate 200000`). */
const extraArgs = process.argv.slice(3);
const benches = readdirSync(here)
  .filter((name) => name.endsWith(".bench.ts"))
  .filter((name) => filter === undefined || name.startsWith(filter))
  .sort();

if (benches.length === 0) {
  process.stderr.write(`no benchmark in ${here} matches "${filter}"\n`);
  process.exit(2);
}

const failed: string[] = [];
for (const name of benches) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = performance.now();
  // process.execArgv carries tsx's loader and --conditions=source into the child.
  const result = spawnSync(process.execPath, [...process.execArgv, path.join(here, name), ...extraArgs], {
    stdio: "inherit",
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) failed.push(name);
  process.stdout.write(
    `=== ${name}: ${result.status === 0 ? "ok" : `failed (${result.status ?? result.signal})`} in ${seconds} s ===\n`,
  );
}
process.stdout.write(
  `\n${benches.length - failed.length} of ${benches.length} benchmarks ran${failed.length > 0 ? `; failed: ${failed.join(", ")}` : ""}\n`,
);
process.exitCode = failed.length > 0 ? 1 : 0;
