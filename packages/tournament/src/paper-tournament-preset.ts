import { type TournamentConfig, type TournamentConfigInput, tournamentConfigSchema } from "./tournament-config.js";

/**
 * A simulated paper tournament in the seed system's style: three judges named after the seed page's
 * (gemini-3, gpt-5.2, claude-opus-4.6) with different position biases and noise, one judge per match in rotation,
 * presentation order flipped at random, no ties, the seed system's scheduler and stop rules, about 45 matches per
 * paper. Used by `judgelab demo`; `papers` and `seed` make it smaller or different.
 */
export function paperTournamentPreset(
  options: { papers?: number; seed?: number; categories?: string[] } = {},
): TournamentConfig {
  const input: TournamentConfigInput = {
    name: "paper-tournament-simulated",
    description:
      "Simulated paper tournament in the seed system's style: 3 simulated judges in rotation, random order, no ties",
    seed: options.seed ?? 2026,
    items: {
      synthetic: {
        count: options.papers ?? 300,
        categories: options.categories ?? ["Artificial Intelligence", "Machine Learning", "Computation and Language"],
        qualitySd: 1.5,
      },
    },
    template: "paper-impact",
    judges: [
      {
        id: "gemini-3",
        provider: "simulated",
        model: "gemini-3",
        family: "gemini",
        simulation: { noiseScale: 1.1, positionBias: 0.35 },
      },
      {
        id: "gpt-5.2",
        provider: "simulated",
        model: "gpt-5.2",
        family: "gpt",
        simulation: { noiseScale: 0.9, positionBias: -0.6 },
      },
      {
        id: "claude-opus-4.6",
        provider: "simulated",
        model: "claude-opus-4.6",
        family: "claude",
        simulation: { noiseScale: 1, positionBias: 0.1 },
      },
    ],
    order: "random",
    assignment: "rotate",
    repetitions: 1,
    scheduler: { kind: "seed-system", matchesPerItemPerRound: 3, topK: 10 },
    stop: { sigma: 1.5, topSigma: 1.3, maxMatchesPerItem: 45, hardMaxMatchesPerItem: 50 },
    limits: { simulated: { concurrency: 64 } },
  };
  return tournamentConfigSchema.parse(input);
}
