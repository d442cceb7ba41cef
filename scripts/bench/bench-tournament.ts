/**
 * The simulated tournament the report and viewer benchmarks read: `comparisons` comparisons (1,000 papers in one
 * category with a latent quality, 3 judges with different position biases and noise, random presentation order,
 * no ties, a short rationale, timestamps in order), written once as a dataset folder in os.tmpdir() and reused.
 */
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const itemCount = 1000;

/** mulberry32, seeded: the same dataset on every run. */
function createUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(directory: string, comparisons: number): Promise<void> {
  mkdirSync(directory, { recursive: true });
  const uniform = createUniform(20260505);
  const quality = Array.from(
    { length: itemCount },
    () => 1.5 * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
  );
  const judges = [
    { id: "gemini-3", positionBias: 0.35, noise: 1.1 },
    { id: "gpt-5.2", positionBias: -0.6, noise: 0.9 },
    { id: "claude-opus-4.6", positionBias: 0.1, noise: 1 },
  ];
  writeFileSync(
    path.join(directory, "items.jsonl"),
    `${quality.map((q, index) => JSON.stringify({ id: `paper-${index}`, title: `Simulated paper ${index}`, category: "Artificial Intelligence", metadata: { quality: Number(q.toFixed(4)) } })).join("\n")}\n`,
  );
  writeFileSync(
    path.join(directory, "judges.jsonl"),
    `${judges.map((judge) => JSON.stringify({ id: judge.id, kind: "simulated", model: judge.id, parameters: { positionBias: judge.positionBias, noise: judge.noise } })).join("\n")}\n`,
  );
  const out = createWriteStream(path.join(directory, "comparisons.jsonl"));
  const start = Date.UTC(2026, 0, 1);
  let buffer = "";
  for (let row = 0; row < comparisons; row++) {
    const first = Math.floor(uniform() * itemCount);
    let second = Math.floor(uniform() * (itemCount - 1));
    if (second >= first) second++;
    const judge = judges[row % 3]!;
    const eta = (quality[first]! - quality[second]!) / judge.noise + judge.positionBias;
    const verdict = uniform() < 1 / (1 + Math.exp(-eta)) ? "first" : "second";
    buffer += `${JSON.stringify({ id: `c${row}`, first: `paper-${first}`, second: `paper-${second}`, order: "known", verdict, judge: judge.id, rationale: `Simulated verdict: ${verdict}.`, createdAt: new Date(start + 1000 * row).toISOString() })}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
  writeFileSync(
    path.join(directory, "dataset.json"),
    `${JSON.stringify({ schemaVersion: 1, name: `bench-report-${comparisons}`, description: "Simulated tournament for the report benchmark", counts: { items: itemCount, judges: 3, comparisons } }, null, 2)}\n`,
  );
}

/** The benchmark dataset folder, generated on first use (seeded: the same data every time). */
export async function ensureBenchTournament(comparisons: number): Promise<string> {
  const directory = path.join(tmpdir(), `judgelab-bench-report-${comparisons}`);
  if (!existsSync(path.join(directory, "dataset.json"))) {
    const started = performance.now();
    await generate(directory, comparisons);
    process.stdout.write(
      `generated ${comparisons} comparisons in ${((performance.now() - started) / 1000).toFixed(1)} s: ${directory}\n`,
    );
  }
  return directory;
}
