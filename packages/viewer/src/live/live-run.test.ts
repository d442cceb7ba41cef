import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningViewer, startViewer } from "../server/start-viewer.js";
import { get } from "../test-support/http.js";
import { SimulatedRun } from "../test-support/simulated-run.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-viewer-live-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Status {
  version: number;
  comparisons: number;
  progress: {
    planned: number;
    recorded: number;
    failed: number;
    pending: number;
    spentUsd: number;
    failedByKind: Record<string, number>;
  };
  notices: { line: number; message: string }[];
}

async function status(viewer: RunningViewer): Promise<Status> {
  return JSON.parse((await get(`${viewer.url}api/status`)).text) as Status;
}

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads server-sent events from /events; `next` resolves with the next event of a type. */
async function openEvents(url: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}events`, { signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const next = async (type: string): Promise<string> => {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
        if (event === type) return data;
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error("event stream ended");
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return { next, close: () => controller.abort(), contentType: response.headers.get("content-type") };
}

describe("live run folder", () => {
  it("follows a run while it writes: progress, spend, failures, standings, events within 2 s, torn lines noticed", async () => {
    const run = new SimulatedRun(join(root, "run"), { budgetUsd: 0.05 });
    const first = run.planRound(4);
    for (const planned of first.slice(0, 5)) run.record(planned, planned.judge === "sim-a" ? "first" : "second");
    const viewer = await startViewer({ path: run.dir, port: 0, refreshMs: 100, bootstrapRounds: 10 });
    try {
      const initial = await status(viewer);
      expect(initial.progress).toMatchObject({ planned: 8, recorded: 5, failed: 0, pending: 3 });
      expect(initial.comparisons).toBe(5);
      const events = await openEvents(viewer.url);
      expect(events.contentType).toContain("text/event-stream");
      const hello = JSON.parse(await events.next("update")) as { version: number };

      const written = Date.now();
      for (const planned of first.slice(5, 7)) run.record(planned, "first");
      run.fail(first[7]!, "rate-limit");
      const update = JSON.parse(await events.next("update")) as { version: number };
      const latency = Date.now() - written;
      expect(update.version).toBeGreaterThan(hello.version);
      expect(latency).toBeLessThan(2000);
      const after = await status(viewer);
      expect(after.progress).toMatchObject({
        planned: 8,
        recorded: 7,
        failed: 1,
        pending: 0,
        failedByKind: { "rate-limit": 1 },
      });
      expect(after.progress.spentUsd).toBeCloseTo(0.007, 10);

      const live = await get(`${viewer.url}live`);
      expect(live.text).toContain('<progress id="run-progress" max="8" value="8">');
      expect(live.text).toContain("of the $0.05 budget");
      expect(live.text).toContain("<td>rate-limit</td><td>1</td>");
      expect(live.text).toContain('<table id="standings">');
      expect(live.text).not.toContain("<script>window.__xss");
      const xssCard = await get(`${viewer.url}comparisons?q=blockquote`);
      expect(xssCard.text).not.toContain("<script>window.__xss");
      expect(xssCard.text).toContain("answer for r0m");

      // A second round moves the standings.
      const second = run.planRound(3);
      for (const planned of second) run.record(planned, "second");
      const grown = await waitFor(
        () => status(viewer),
        (s) => s.progress.recorded === 13,
        2000,
      );
      expect(grown.progress.planned).toBe(14);

      // A torn line: first unterminated (pending, noticed), then completed by a newline and followed by a record.
      run.appendRaw('{"type":"recorded","id":"r1m0.sim-a.ab.0","round":1,"compar');
      const pending = await waitFor(
        () => status(viewer),
        (s) => s.notices.length > 0,
        2000,
      );
      expect(pending.notices[0]!.message).toContain("incomplete");
      run.appendRaw("\n");
      run.record(second[0]!, "first");
      const torn = await waitFor(
        () => status(viewer),
        (s) => s.notices.some((notice) => notice.message.includes("torn line, skipped")),
        2000,
      );
      expect(torn.notices).toHaveLength(1);
      expect(torn.notices[0]!.line).toBe(17); // 1 round + 8 results + 1 round + 6 results, then the torn line
      expect(torn.progress.recorded).toBe(13); // the re-recorded comparison replaces its earlier result
      const notice = await get(`${viewer.url}live`);
      expect(notice.text).toContain('id="log-notices"');
      expect(notice.text).toContain("log.jsonl line 17");
      events.close();
    } finally {
      await viewer.close();
      run.close();
    }
  });

  it("shows a run folder whose log does not exist yet, and an empty standings table", async () => {
    const run = new SimulatedRun(join(root, "fresh"), { budgetUsd: 1 });
    const viewer = await startViewer({ path: run.dir, port: 0, refreshMs: 100, bootstrapRounds: 0 });
    try {
      for (const path of ["", "live", "comparisons", "judges"])
        expect((await get(viewer.url + path)).status, path).toBe(200);
      run.planRound(2);
      const planned = await waitFor(
        () => status(viewer),
        (s) => s.progress.planned === 4,
        2000,
      );
      expect(planned.progress.pending).toBe(4);
    } finally {
      await viewer.close();
      run.close();
    }
  });
});
