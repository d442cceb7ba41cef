import type { Item } from "@judgelab/schema";
import { seededRandom } from "./seeded-random.js";

/**
 * Synthetic papers for simulations: latent quality q ~ Normal(0, qualitySd) (Box–Muller from the seeded stream) in
 * `metadata.quality`, categories assigned in turn, abstracts of 600–1,800 characters built from a fixed
 * vocabulary. Deterministic in (seed, count, categories, qualitySd).
 */
export function createSyntheticItems(options: {
  count: number;
  categories: readonly string[];
  qualitySd: number;
  seed: number;
}): Item[] {
  const random = seededRandom(options.seed, "synthetic-items");
  const width = String(options.count).length;
  const items: Item[] = [];
  for (let index = 0; index < options.count; index++) {
    const u1 = 1 - random.next();
    const u2 = random.next();
    const quality = options.qualitySd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    const length = 600 + Math.floor(random.next() * 1200);
    const topic = TOPICS[index % TOPICS.length]!;
    const id = `paper-${String(index + 1).padStart(width, "0")}`;
    items.push({
      id,
      title: `On ${topic}: study ${index + 1}`,
      text: abstract(topic, length, random),
      category: options.categories[index % options.categories.length]!,
      metadata: { quality, synthetic: true },
    });
  }
  return items;
}

const TOPICS = [
  "sparse attention",
  "protein folding",
  "reward modelling",
  "causal discovery",
  "graph neural networks",
  "climate emulators",
  "program synthesis",
  "alignment evaluation",
];

const WORDS = [
  "we",
  "propose",
  "a",
  "method",
  "that",
  "improves",
  "robustness",
  "across",
  "benchmarks",
  "and",
  "analyse",
  "its",
  "limits",
  "with",
  "ablations",
  "showing",
  "consistent",
  "gains",
  "over",
  "strong",
  "baselines",
];

function abstract(topic: string, length: number, random: { next(): number }): string {
  let text = `This paper studies ${topic}.`;
  while (text.length < length) text += ` ${WORDS[Math.floor(random.next() * WORDS.length)]}`;
  return `${text.slice(0, length).trimEnd()}.`;
}
