/**
 * Generates the demo paper pool: invented papers in a few categories, each with a latent quality that the
 * simulated judges of `judgelab demo` see through noise. Seeded and deterministic; the output is committed.
 *
 *   pnpm exec tsx datasets/demo-papers/generate.ts        (from the repository root)
 *
 * Writes dataset.json and items.jsonl next to this file. Titles and abstracts are invented stubs; the latent
 * quality (metadata.quality, normal with SD 1.5 on the logit scale) is the ground truth the report's
 * rankings can be checked against.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SEED = 20260505;
const PAPERS_PER_CATEGORY = 60;
/** Spread of the latent quality (logit units), as in the paper tournament preset of @judgelab/tournament. */
const QUALITY_SD = 1.5;

/** mulberry32: a small seeded generator (uniform in [0, 1)). */
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

const uniform = createUniform(SEED);
const pick = <T>(values: readonly T[]): T => values[Math.floor(uniform() * values.length)]!;
/** Standard normal by Box–Muller. */
const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

interface Category {
  readonly name: string;
  readonly topics: readonly string[];
  readonly methods: readonly string[];
  readonly objects: readonly string[];
  /** Mean latent quality of the category (judges may favour some fields). */
  readonly shift: number;
}

const CATEGORIES: readonly Category[] = [
  {
    name: "Artificial Intelligence",
    topics: ["Alignment", "Reasoning", "Agents", "Interpretability", "Evaluation", "Tool Use", "Long Context"],
    methods: ["Contrastive Fine-Tuning", "Process Supervision", "Self-Play", "Sparse Autoencoders", "Retrieval", "Curriculum Distillation"],
    objects: ["Language Models", "Multi-Agent Systems", "Reward Models", "Code Assistants", "Vision-Language Models"],
    shift: 0.2,
  },
  {
    name: "Computational Biology",
    topics: ["Protein Design", "Single-Cell Atlases", "Gene Regulation", "Drug Discovery", "Microbiome Dynamics"],
    methods: ["Diffusion Models", "Graph Neural Networks", "Bayesian Inference", "Active Learning", "Foundation Models"],
    objects: ["Enzymes", "Cell States", "Antibodies", "Regulatory Networks", "Metabolic Pathways"],
    shift: 0,
  },
  {
    name: "Condensed Matter",
    topics: ["Superconductivity", "Topological Phases", "Spin Liquids", "Moiré Materials", "Phonon Transport"],
    methods: ["Tensor Networks", "Neural Quantum States", "Ab Initio Simulation", "Quantum Monte Carlo", "Inverse Design"],
    objects: ["Kagome Lattices", "Twisted Bilayers", "Nickelates", "Frustrated Magnets", "Van der Waals Heterostructures"],
    shift: -0.1,
  },
  {
    name: "Economics",
    topics: ["Labor Markets", "Monetary Policy", "Market Design", "Development", "Climate Policy"],
    methods: ["Causal Forests", "Structural Estimation", "Field Experiments", "Difference-in-Differences", "Agent-Based Simulation"],
    objects: ["Gig Workers", "Central Banks", "Carbon Markets", "Microfinance", "Housing Markets"],
    shift: -0.2,
  },
  {
    name: "Robotics",
    topics: ["Dexterous Manipulation", "Legged Locomotion", "Sim-to-Real Transfer", "Human-Robot Interaction", "Navigation"],
    methods: ["Diffusion Policies", "Model Predictive Control", "World Models", "Imitation Learning", "Tactile Sensing"],
    objects: ["Humanoids", "Quadrupeds", "Surgical Robots", "Warehouse Fleets", "Soft Grippers"],
    shift: 0.05,
  },
];

const TITLE_PATTERNS: readonly ((category: Category) => string)[] = [
  (c) => `${pick(c.methods)} for ${pick(c.topics)} in ${pick(c.objects)}`,
  (c) => `Rethinking ${pick(c.topics)}: ${pick(c.methods)} at Scale`,
  (c) => `When Does ${pick(c.methods)} Help ${pick(c.objects)}? A Study of ${pick(c.topics)}`,
  (c) => `${pick(c.topics)} with ${pick(c.methods)}: Evidence from ${pick(c.objects)}`,
  (c) => `Towards Reliable ${pick(c.topics)} via ${pick(c.methods)}`,
];

const FIRST_NAMES = ["Ada", "Bo", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jun", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wei", "Yara", "Zoe"];
const LAST_NAMES = ["Abe", "Bauer", "Costa", "Diallo", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kim", "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Singh", "Tanaka", "Umar", "Varga", "Wang", "Young", "Zhou"];

/**
 * An invented abstract. Its wording and length are drawn independently of the paper's quality: a length that
 * tracked quality would make any judge look length-biased (the report's length-bias check would see a confound).
 */
function abstractStub(category: Category, title: string): string {
  const claim = pick(["improves on", "matches", "outperforms", "complements", "extends"]);
  return `We study ${pick(category.topics).toLowerCase()} in ${pick(category.objects).toLowerCase()}. Building on ${pick(category.methods).toLowerCase()}, the approach in "${title}" ${claim} strong baselines on ${2 + Math.floor(uniform() * 6)} benchmarks. (Invented abstract stub for the judgelab demo.)`;
}

const items: object[] = [];
const usedTitles = new Set<string>();
for (const category of CATEGORIES) {
  for (let index = 0; index < PAPERS_PER_CATEGORY; index++) {
    let title = pick(TITLE_PATTERNS)(category);
    while (usedTitles.has(title)) title = pick(TITLE_PATTERNS)(category);
    usedTitles.add(title);
    const quality = Number((category.shift + QUALITY_SD * normal()).toFixed(4));
    const authors = Array.from({ length: 2 + Math.floor(uniform() * 4) }, () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`);
    const slug = category.name.toLowerCase().replace(/[^a-z]+/g, "-");
    items.push({
      id: `demo-${slug}-${String(index + 1).padStart(3, "0")}`,
      title,
      text: abstractStub(category, title),
      category: category.name,
      metadata: { authors, quality, generator: `datasets/demo-papers/generate.ts seed ${SEED}` },
    });
  }
}

const directory = path.dirname(fileURLToPath(import.meta.url));
// An empty comparisons file keeps the folder a valid dataset (items only; the demo adds the comparisons).
writeFileSync(path.join(directory, "comparisons.jsonl"), "");
writeFileSync(path.join(directory, "items.jsonl"), `${items.map((item) => JSON.stringify(item)).join("\n")}\n`);
const manifest = {
  schemaVersion: 1,
  name: "demo-papers",
  description: `${items.length} invented papers in ${CATEGORIES.length} categories with a latent quality each (metadata.quality: normal with SD 1.5 on the logit scale plus a small category shift; the simulated judges read it), the paper pool of \`judgelab demo\`. Generated by datasets/demo-papers/generate.ts (seed ${SEED}).`,
  license: "CC0-1.0",
  source: "generated: datasets/demo-papers/generate.ts",
  counts: { items: items.length, judges: 0, comparisons: 0 },
};
writeFileSync(path.join(directory, "dataset.json"), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`wrote ${items.length} papers to ${directory}\n`);
