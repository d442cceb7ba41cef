import type { Command } from "./cli-io.js";

/** One entry of the command table: a one-line summary and a lazy loader (keeps startup fast). */
export interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Every `judgelab` subcommand. Each lives in its own file under `commands/`. */
export const commands: Readonly<Record<string, CommandEntry>> = {
  validate: {
    summary: "check a dataset folder or JSONL file; one line per problem as path:line: field: message",
    load: async () => (await import("./commands/validate.js")).validateCommand,
  },
  import: {
    summary: "convert a third-party judgment dataset into a canonical dataset folder",
    load: async () => (await import("./commands/import.js")).importCommand,
  },
  datasets: {
    summary: "list or fetch known public datasets (manifests in datasets/)",
    load: async () => (await import("./commands/datasets.js")).datasetsCommand,
  },
  export: {
    summary:
      "write a dataset's comparisons, items and judges (and --analysis: every metrics table) as parquet, csv or xlsx",
    load: async () => (await import("./commands/export.js")).exportCommand,
  },
  rate: {
    summary: "rate items: elo | bt | trueskill | glicko2 | openskill | winrate, with bootstrap CIs and ranks",
    load: async () => (await import("./commands/rate.js")).rateCommand,
  },
  "check-intervals": {
    summary: "coverage check: do naive, clustered and sandwich 95% intervals hold at this dataset's design?",
    load: async () => (await import("./commands/check-intervals.js")).checkIntervalsCommand,
  },
  plan: {
    summary: "power analysis by simulation: comparisons per item needed for rank-width, top-k or separation targets",
    load: async () => (await import("./commands/plan.js")).planCommand,
  },
  analyze: {
    summary: "judge analytics: agreement, position bias, stability, other biases, coherence",
    load: async () => (await import("./commands/analyze.js")).analyzeCommand,
  },
  run: {
    summary: "run (or resume) a tournament against real or simulated judges from a YAML config",
    load: async () => (await import("./commands/run.js")).runCommand,
  },
  simulate: {
    summary: "simulate a tournament with simulated judges and write a dataset",
    load: async () => (await import("./commands/simulate.js")).simulateCommand,
  },
  report: {
    summary: "write a research report (Markdown, HTML, charts, metrics) for a dataset or run folder",
    load: async () => (await import("./commands/report.js")).reportCommand,
  },
  view: {
    summary: "browse a dataset or a live run folder in a local, read-only web viewer",
    load: async () => (await import("./commands/view.js")).viewCommand,
  },
  demo: {
    summary: "the main job: simulate a paper tournament, rate, analyze and report (to reports/demo-local/)",
    load: async () => (await import("./commands/demo.js")).demoCommand,
  },
};
