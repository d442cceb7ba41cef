import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.js";
import { runCli } from "../run-cli.js";
import { runCliForTest } from "../test-support.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-view-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeDataset(): string {
  const dir = join(root, "dataset");
  mkdirSync(dir, { recursive: true });
  const comparison = (id: string, first: string, second: string, verdict: string, judge: string) =>
    JSON.stringify({ id, first, second, order: "known", verdict, judge, matchId: `${first}-${second}` });
  writeFileSync(join(dir, "dataset.json"), JSON.stringify({ schemaVersion: 1, name: "cli view" }));
  writeFileSync(join(dir, "items.jsonl"), ["a", "b", "c"].map((id) => `${JSON.stringify({ id })}\n`).join(""));
  writeFileSync(
    join(dir, "comparisons.jsonl"),
    `${[
      comparison("c1", "a", "b", "first", "j1"),
      comparison("c2", "a", "b", "second", "j2"),
      comparison("c3", "b", "c", "first", "j1"),
      comparison("c4", "c", "a", "second", "j2"),
      comparison("c5", "c", "b", "second", "j1"),
    ].join("\n")}\n`,
  );
  return dir;
}

describe("judgelab view", () => {
  it("serves a dataset on 127.0.0.1, prints the URL and stops cleanly on Ctrl-C", async () => {
    const dir = writeDataset();
    let stdout = "";
    let stderr = "";
    const stop = new AbortController();
    const io: CliIo = {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      cwd: root,
      env: {},
      isTty: false,
      signal: stop.signal,
      abandonSignal: new AbortController().signal,
    };
    const running = runCli(["view", "dataset", "--port", "0", "--bootstrap", "10"], io);
    let finished = false;
    void running.finally(() => {
      finished = true;
    });
    for (let attempt = 0; attempt < 600 && !stdout.includes("http://") && !finished; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const url = stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(stderr).toContain(`loaded 5 comparisons of 3 items`);
    const page = await fetch(`${url}comparisons?judge=j2`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<strong>2</strong> of 5 comparisons match");
    stop.abort();
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
    expect(dir).toContain("dataset");
  });

  it("exits 2 with the reason when the folder is not a dataset or run folder", async () => {
    mkdirSync(join(root, "empty"), { recursive: true });
    const empty = await runCliForTest(["view", "empty"], { cwd: root });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(
      "is neither a dataset folder (no dataset.json or comparisons.jsonl) nor a run folder",
    );
    const missing = await runCliForTest(["view", "nowhere"], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nowhere does not exist");
    const usage = await runCliForTest(["view"], { cwd: root });
    expect(usage.code).toBe(2);
  });

  it("exits 2 naming the port when it is in use", async () => {
    writeDataset();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCliForTest(["view", "dataset", "--port", String(port)], { cwd: root });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} is in use on 127.0.0.1`);
    } finally {
      blocker.close();
    }
  });

  it("prints its help", async () => {
    const help = await runCliForTest(["view", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--host H");
  });
});
