import { describe, expect, it } from "vitest";
import { parseTournamentConfig, TournamentConfigError } from "./parse-tournament-config.js";

const minimal = `items: { synthetic: { count: 10 } }
judges:
  - { id: sim, provider: simulated, model: m }
`;

function problemsOf(text: string): string[] {
  try {
    parseTournamentConfig(text, "t.yaml");
  } catch (error) {
    if (error instanceof TournamentConfigError)
      return error.message
        .split("\n")
        .slice(1)
        .map((line) => line.trim());
    throw error;
  }
  return [];
}

describe("parseTournamentConfig", () => {
  it("fills the documented defaults (the seed system's scheduler and stop rules)", () => {
    const config = parseTournamentConfig(minimal);
    expect(config.order).toBe("random");
    expect(config.assignment).toBe("rotate");
    expect(config.scheduler).toMatchObject({ kind: "seed-system", matchesPerItemPerRound: 3, topK: 10 });
    expect(config.stop).toMatchObject({ sigma: 2.5, topSigma: 2, maxMatchesPerItem: 50, keepPlayingUndefeated: true });
    expect(config.retries).toEqual({ maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 60_000 });
  });

  it("reports every problem as file:line: path: message", () => {
    const problems = problemsOf(`seed: -1
items: { synthetic: { count: 10 } }
judges:
  - { id: a, provider: openia, model: gpt-4o }
  - { id: a, provider: simulated, model: m }
order: sideways
`);
    expect(problems).toContainEqual(expect.stringMatching(/^t\.yaml:1: seed: /));
    expect(problems).toContainEqual(expect.stringMatching(/^t\.yaml:4: judges\.0\.provider: Invalid option/));
    expect(problems).toContainEqual(expect.stringMatching(/^t\.yaml:6: order: /));
  });

  it("reports cross-field problems: duplicate judge ids, openai-compatible without baseURL", () => {
    const problems = problemsOf(`items: { synthetic: { count: 10 } }
judges:
  - { id: a, provider: simulated, model: m }
  - { id: a, provider: openai-compatible, model: llama }
`);
    expect(problems).toContainEqual('t.yaml:4: judges.1.id: duplicate judge id "a"');
    expect(problems).toContainEqual(
      expect.stringMatching(/^t\.yaml:4: judges\.1\.baseURL: an openai-compatible judge needs baseURL/),
    );
  });

  it("refuses a config that contains an API key, and an apiKeyEnv that is a key rather than a name", () => {
    expect(problemsOf(`${minimal}description: "sk-proj-abcdefghijklmnopqrstuvwx"\n`)).toEqual([
      "t.yaml:4: (secret): looks like an API key; put the key in an environment variable and name it with apiKeyEnv",
    ]);
    const problems = problemsOf(`items: { synthetic: { count: 10 } }
judges:
  - { id: a, provider: openai, model: gpt-4o, apiKeyEnv: "abc-123" }
`);
    expect(problems).toContainEqual(
      expect.stringMatching(/judges\.0\.apiKeyEnv: must be an environment variable name/),
    );
  });

  it("reports YAML syntax errors with their line", () => {
    expect(problemsOf("items: { synthetic: { count: 10 }\njudges: [")[0]).toMatch(/^t\.yaml:\d+: \(yaml\): /);
  });

  it("rejects unknown fields (typos are not silently ignored)", () => {
    expect(problemsOf(`${minimal}schedular: { kind: swiss }\n`)).toContainEqual(
      expect.stringMatching(/\(root\): Unrecognized key: "schedular"/),
    );
  });
});
