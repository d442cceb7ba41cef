import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { paperImpactTemplate } from "@judgelab/judges";
import { expectedFakeVerdict, startFakeGeminiServer } from "@judgelab/judges/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { createBatchClients, createJudges } from "./create-judges.js";
import { createRunManifest } from "./create-run-manifest.js";
import { readRunFolder } from "./read-run-folder.js";
import { RunState } from "./run-state.js";
import { RunStore } from "./run-store.js";
import { runTournament } from "./run-tournament.js";
import { createScoredItems, scoreOf } from "./test-support/scored-items.js";
import { tournamentConfigSchema } from "./tournament-config.js";
import { prepareTournamentItems } from "./tournament-items.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-batch-kill-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const KEY = "AIza-test-batch-kill-0123456789";
const packageDir = resolve(import.meta.dirname, "..");

function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const timer = setInterval(() => {
      if (condition()) {
        clearInterval(timer);
        done();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        fail(new Error(`timed out waiting for ${what}`));
      }
    }, 10);
  });
}

describe("a Gemini batch run killed with SIGKILL while waiting", () => {
  it("resumes by polling the logged batch: no second submission, every entry collected at the batch price", {
    timeout: 120_000,
  }, async () => {
    // The batch stays running for 30 polls, so the child is certainly waiting when it is killed.
    const server = await startFakeGeminiServer({ apiKey: KEY, batchPollsUntilComplete: 30 });
    try {
      const records = createScoredItems(8);
      const configInput = {
        seed: 3,
        items: { inline: records },
        judges: [{ id: "gem", provider: "gemini", model: "gemini-2.5-flash", baseURL: server.origin, apiKeyEnv: "K" }],
        scheduler: { kind: "round-robin", byCategory: false },
        batch: { enabled: true, pollIntervalMs: 20 },
      };
      const runDir = join(root, "run");
      const specPath = join(root, "spec.json");
      writeFileSync(specPath, JSON.stringify({ runDir, config: configInput, items: records }));
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--conditions=source", "src/test-support/run-child.ts", specPath],
        { cwd: packageDir, env: { ...process.env, K: KEY }, stdio: ["ignore", "pipe", "pipe"] },
      );
      const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
      const logPath = join(runDir, "log.jsonl");
      // Killed once the batch id is in the run log and the child has polled it at least once.
      await waitFor(
        () =>
          existsSync(logPath) &&
          readFileSync(logPath, "utf8").includes('"type":"batch"') &&
          server.log.some((entry) => entry.method === "GET"),
        "the child to submit and poll its batch",
      );
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      const open = [...RunState.fromRecords(readRunFolder(runDir).records).openBatches.values()];
      expect(open).toHaveLength(1);
      const creates = () => server.log.filter((entry) => entry.path.endsWith(":batchGenerateContent"));
      expect(creates()).toHaveLength(1);

      const config = tournamentConfigSchema.parse(configInput);
      const items = prepareTournamentItems(records, { byCategory: false });
      const apiKeyOf = (name: string) => (name === "K" ? KEY : undefined);
      const judges = await createJudges({ config, items: items.judgeItems, apiKeyOf, baseDir: root });
      const store = RunStore.open(runDir, createRunManifest({ config, items, template: paperImpactTemplate, judges }));
      const summary = await runTournament({
        config,
        items: records,
        judges,
        template: paperImpactTemplate,
        journal: store,
        batchClients: createBatchClients({ config, apiKeyOf }),
      }).finally(() => store.close());
      expect(summary.recorded).toBe(28);
      expect(creates()).toHaveLength(1);
      expect(server.log.filter((entry) => entry.path.endsWith(":generateContent"))).toHaveLength(0);
      const state = RunState.fromRecords(readRunFolder(runDir).records);
      expect(state.openBatches.size).toBe(0);
      const scores = new Map(records.map((item) => [item.id, scoreOf(item)]));
      for (const result of state.recorded.values()) {
        const { first, second, verdict, usage } = result.comparison;
        expect(verdict).toBe(expectedFakeVerdict(scores.get(first)!, scores.get(second)!));
        // gemini-2.5-flash $0.30/$2.50 per M tokens, Gemini Batch Mode at 50%.
        expect(usage!.costUsd).toBeCloseTo((usage!.inputTokens! * 0.3 + usage!.outputTokens! * 2.5) / 1e6 / 2, 12);
      }
      // Polls after the kill asked for the batch the child had logged.
      expect(
        server.log
          .filter((entry) => entry.method === "GET")
          .every((entry) => entry.path === `/v1beta/${open[0]!.batchId}`),
      ).toBe(true);
    } finally {
      await server.close();
    }
  });
});
