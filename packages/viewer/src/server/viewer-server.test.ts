import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ViewerInputError } from "../source/viewer-input-error.js";
import { expectedFlags } from "../test-support/expected-flags.js";
import { get, matchCount } from "../test-support/http.js";
import {
  type FixtureDataset,
  writeAlpacaFixture,
  writeLlmbarFixture,
  writePaperFixture,
  writeVicunaFixture,
  XSS_RATIONALE,
  XSS_TITLE,
} from "../test-support/write-fixtures.js";
import { CONTENT_SECURITY_POLICY } from "./create-viewer-app.js";
import { type RunningViewer, startViewer } from "./start-viewer.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-viewer-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((name) => {
      const stat = statSync(join(dir, name));
      return `${name}:${stat.size}:${stat.mtimeMs}:${stat.isFile() ? readFileSync(join(dir, name)).length : "dir"}`;
    })
    .join("\n");
}

describe("viewer over HTTP on 127.0.0.1: paper-tournament dataset", () => {
  let fixture: FixtureDataset;
  let viewer: RunningViewer;
  let base: string;
  let before: string;

  beforeAll(async () => {
    fixture = writePaperFixture(join(root, "papers"));
    before = snapshot(fixture.dir);
    viewer = await startViewer({ path: fixture.dir, port: 0, bootstrapRounds: 20, boardWaitMs: 60_000 });
    base = viewer.url.replace(/\/$/, "");
  });
  afterAll(() => viewer.close());

  it("binds 127.0.0.1 without a token and sends a strict CSP on every response", async () => {
    expect(viewer.host).toBe("127.0.0.1");
    expect(viewer.token).toBeUndefined();
    expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const path of ["/", "/comparisons", "/judges", "/item/paper-1", "/assets/viewer.js", "/nothing"]) {
      const response = await get(base + path);
      expect(response.headers.get("content-security-policy"), path).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe");
  });

  it("shows the leaderboard with intervals, rank intervals and W-L-T, and switches method and category", async () => {
    const page = await get(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("percentile intervals over 20");
    expect(page.text).toMatch(/<td>\d+–\d+<\/td>/); // a rank interval
    const wins = new Map<string, [number, number, number]>();
    for (const comparison of fixture.comparisons) {
      if (comparison.verdict === "invalid") continue;
      for (const id of [comparison.first, comparison.second]) if (!wins.has(id)) wins.set(id, [0, 0, 0]);
      if (comparison.verdict === "tie") {
        wins.get(comparison.first)![2]++;
        wins.get(comparison.second)![2]++;
      } else {
        const [winner, loser] =
          comparison.verdict === "first"
            ? [comparison.first, comparison.second]
            : [comparison.second, comparison.first];
        wins.get(winner)![0]++;
        wins.get(loser)![1]++;
      }
    }
    const [w, l, t] = wins.get("paper-2")!;
    expect(page.text).toMatch(new RegExp(`href="/item/paper-2">[^<]+</a></td>.*?<td>${w}-${l}-${t}</td>`));
    const trueSkill = await get(`${base}/?method=trueskill&category=Economics`);
    expect(trueSkill.text).toContain('<option value="trueskill" selected>');
    expect(trueSkill.text).not.toContain('/item/paper-2"'); // paper-2 is in Artificial Intelligence
    expect(trueSkill.text).toContain('href="/item/paper-1"');
    const side = await get(`${base}/?side=1`);
    expect(side.text).toContain('<th class="judge-col" title="gpt-5.2">');
    expect((await get(`${base}/?method=nonsense`)).text).toContain('<option value="bt" selected>');
  });

  it("filters comparisons server-side exactly as the flags are defined", async () => {
    const expected = expectedFlags(fixture.comparisons, fixture.references);
    expect(expected.disagree.size).toBeGreaterThan(0);
    expect(expected.flips.size).toBeGreaterThan(0);
    expect(expected.reference.size).toBeGreaterThan(0);
    const count = async (query: string) => matchCount((await get(`${base}/comparisons?${query}`)).text);
    expect(await count("")).toBe(fixture.comparisons.length);
    expect(await count("disagree=1")).toBe(expected.disagree.size);
    expect(await count("flips=1")).toBe(expected.flips.size);
    expect(await count("reference=1")).toBe(expected.reference.size);
    const byJudge = fixture.comparisons.filter((c) => c.judge === "gpt-5.2" && c.verdict === "tie").length;
    expect(await count("judge=gpt-5.2&verdict=tie")).toBe(byJudge);
    const ofItem = fixture.comparisons.filter((c) => c.first === "paper-4" || c.second === "paper-4");
    expect(await count("item=paper-4")).toBe(ofItem.length);
    expect(await count("item=paper-4&flips=1")).toBe(ofItem.filter((c) => expected.flips.has(c.id)).length);
    const novel = fixture.comparisons.filter((c) => c.rationale?.toLowerCase().includes("is more novel"));
    expect(await count("q=IS+MORE+NOVEL")).toBe(novel.length);
    const titled = fixture.comparisons.filter((c) => c.first === "paper-0" || c.second === "paper-0");
    expect(await count(`q=${encodeURIComponent("<script>window.__xss")}`)).toBe(
      new Set([...titled, ...fixture.comparisons.filter((c) => c.rationale === XSS_RATIONALE)].map((c) => c.id)).size,
    );
    expect(await count("category=Economics")).toBe(
      fixture.comparisons.filter((c) => Number(c.first.slice(6)) % 2 === 1).length,
    );
    expect(await count("judge=nobody")).toBe(0);
    expect(await count("item=nothing")).toBe(0);
  });

  it("pages the browser and shows both items in order, verdict, rationale, usage, raw and the rest of the match", async () => {
    const first = await get(`${base}/comparisons`);
    const second = await get(`${base}/comparisons?page=1`);
    const ids = (html: string) => [...html.matchAll(/<article class="comparison" data-row="(\d+)">/g)].map((m) => m[1]);
    expect(ids(first.text)).toHaveLength(25);
    expect(ids(second.text)[0]).toBe("25");
    const card = await get(`${base}/comparison/0`);
    const record = fixture.comparisons[0]!;
    expect(card.text).toContain(`>${record.id}</a>`);
    expect(card.text.indexOf("shown first:")).toBeLessThan(card.text.indexOf("shown second:"));
    expect(card.text).toContain(`verdict: ${record.verdict}`);
    expect(card.text).toContain("900 input tokens · 120 output tokens · $0.0021");
    expect(card.text).toContain("&lt;raw &amp; unescaped?&gt;");
    const samePair = fixture.comparisons.filter(
      (c) => [c.first, c.second].sort().join() === [record.first, record.second].sort().join(),
    ).length;
    expect(card.text).toContain(`other judgments of the same pair (${samePair - 1})`);
    expect(card.text).toContain(`match ${record.matchId}`);
    expect((await get(`${base}/comparison/99999`)).status).toBe(404);
    expect((await get(`${base}/comparison/-1`)).status).toBe(404);
  });

  it("escapes attacker-controlled titles, rationales, assessments and authors everywhere", async () => {
    const xssRow = fixture.comparisons.findIndex((c) => c.rationale === XSS_RATIONALE);
    for (const path of ["/", "/comparisons?item=paper-0", `/comparison/${xssRow}`, "/item/paper-0", "/?side=1"]) {
      const { text } = await get(base + path);
      expect(text, path).not.toContain("<script>window.__xss");
      expect(text, path).not.toContain("<img src");
      expect(text, path).not.toContain("<i>Eve</i>");
    }
    expect((await get(`${base}/item/paper-0`)).text).toContain("&lt;script&gt;window.__xss = &quot;title&quot;");
    expect((await get(`${base}/comparison/${xssRow}`)).text).toContain("&lt;/blockquote&gt;&lt;script&gt;");
    expect(XSS_TITLE).toContain("<script>");
  });

  it("shows an item page with the seed-system score, rank in category, win rate, history and assessments", async () => {
    const page = await get(`${base}/item/paper-2`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<div class="big" id="seed-score">\d{3,4}±\d{1,3}<\/div>/);
    expect(page.text).toMatch(/<strong>#\d+ of 8 · Artificial Intelligence<\/strong>/);
    const history = fixture.comparisons.filter((c) => c.first === "paper-2" || c.second === "paper-2").length;
    expect(page.text).toContain(`Comparison History (${history})`);
    expect(page.text).toContain("overall <strong>");
    expect(page.text).toContain("Win Rate");
    const missing = await get(`${base}/item/${encodeURIComponent("../../etc/passwd")}`);
    expect(missing.status).toBe(404);
  });

  it("shows judges: agreement matrix cells link to their comparisons, position bias and the reference", async () => {
    const page = await get(`${base}/judges`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Agreement matrix");
    expect(page.text).toContain('data-cell="gemini-3|gpt-5.2"');
    expect(page.text).toContain("first-position win rate");
    expect(page.text).toContain("Agreement with the reference");
    // A cell's "disagreements" link: matches both judged where their outcomes differ.
    const matches = new Map<string, Map<string, Set<string>>>();
    for (const c of fixture.comparisons) {
      if (c.judge !== "gemini-3" && c.judge !== "gpt-5.2") continue;
      const pair = [c.first, c.second].sort().join("|");
      const byJudge = matches.get(pair) ?? new Map<string, Set<string>>();
      const won =
        c.verdict === "invalid" ? undefined : c.verdict === "tie" ? "tie" : c.verdict === "first" ? c.first : c.second;
      const set = byJudge.get(c.judge) ?? new Set<string>();
      if (won !== undefined) set.add(won);
      byJudge.set(c.judge, set);
      matches.set(pair, byJudge);
    }
    let both = 0;
    let differ = 0;
    for (const [pair, byJudge] of matches) {
      if (byJudge.size < 2) continue;
      const rows = fixture.comparisons.filter(
        (c) => [c.first, c.second].sort().join("|") === pair && (c.judge === "gemini-3" || c.judge === "gpt-5.2"),
      ).length;
      both += rows;
      const [a, b] = [...byJudge.values()].map((set) => [...set].sort().join());
      if (a !== b) differ += rows;
    }
    const count = async (query: string) => matchCount((await get(`${base}/comparisons?${query}`)).text);
    expect(await count("judge=gemini-3&with=gpt-5.2")).toBe(both);
    expect(await count("judge=gemini-3&with=gpt-5.2&disagree=1")).toBe(differ);
    expect(differ).toBeGreaterThan(0);
  });

  it("never maps a URL to a file, serves GET only and writes nothing into the folder", async () => {
    for (const path of [
      "/assets/../../package.json",
      "/assets/..%2F..%2Fpackage.json",
      "/assets/%2e%2e%2fdataset.json",
      "/comparisons.jsonl",
      "/dataset.json",
      "/items.jsonl",
    ]) {
      const response = await get(base + path);
      expect(response.status, path).toBe(404);
      expect(response.text, path).not.toContain("schemaVersion");
    }
    expect((await get(`${base}/`, { method: "POST" })).status).toBe(405);
    expect((await get(`${base}/comparisons`, { method: "DELETE" })).status).toBe(405);
    expect(snapshot(fixture.dir)).toBe(before);
  });

  it("answers at once with provisional win rates while a board is still being rated, then with the board", async () => {
    const quick = await startViewer({ path: fixture.dir, port: 0, bootstrapRounds: 20, boardWaitMs: 0, seed: 9 });
    try {
      const first = await get(`${quick.url}?method=elo`);
      expect(first.status).toBe(200);
      expect(first.text).toContain('data-pending-board="1"');
      expect(first.text).toContain('<table class="board" id="provisional-board">');
      expect(first.text).toMatch(/href="\/item\/paper-2">Paper number 2 on alignment<\/a><\/td><td>\d+-\d+-\d+<\/td>/);
      let later = first.text;
      for (let attempt = 0; attempt < 600 && later.includes("data-pending-board"); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        later = (await get(`${quick.url}?method=elo`)).text;
      }
      expect(later).not.toContain("data-pending-board");
      expect(later).toContain("percentile intervals over 20");
    } finally {
      await quick.close();
    }
  });

  it("returns only the main content when asked for the fragment (live refresh)", async () => {
    const fragment = await get(`${base}/comparisons`, { headers: { "X-Fragment": "main" } });
    expect(fragment.text.startsWith("<h1>Comparisons</h1>")).toBe(true);
    expect(fragment.text).not.toContain("<html");
  });
});

describe("viewer on the other real-data shapes", () => {
  const shapes: [string, (dir: string) => FixtureDataset][] = [
    ["alpaca-eval (models vs a baseline, soft preferences)", writeAlpacaFixture],
    ["vicuna-reviews (fixed order, order unknown)", writeVicunaFixture],
    ["llmbar (24 judges, both orders, gold labels)", writeLlmbarFixture],
  ];
  for (const [name, write] of shapes) {
    it(name, async () => {
      const fixture = write(join(root, name.split(" ")[0]!));
      const viewer = await startViewer({ path: fixture.dir, port: 0, bootstrapRounds: 10, boardWaitMs: 60_000 });
      try {
        const base = viewer.url.replace(/\/$/, "");
        for (const path of [
          "/",
          "/comparisons",
          "/judges",
          `/item/${encodeURIComponent(fixture.items[1]!.id)}`,
          "/?side=1",
        ]) {
          expect((await get(base + path)).status, `${name} ${path}`).toBe(200);
        }
        const expected = expectedFlags(fixture.comparisons, fixture.references);
        const count = async (query: string) => matchCount((await get(`${base}/comparisons?${query}`)).text);
        expect(await count("disagree=1")).toBe(expected.disagree.size);
        expect(await count("flips=1")).toBe(expected.flips.size);
        expect(await count("reference=1")).toBe(expected.reference.size);
        if (name.startsWith("vicuna")) expect(expected.flips.size).toBe(0); // order unknown: no flip is observable
        if (name.startsWith("llmbar")) {
          expect(expected.flips.size).toBeGreaterThan(0);
          expect(expected.reference.size).toBeGreaterThan(0);
          const judges = await get(`${base}/judges`);
          expect(judges.text).toContain('data-cell="gpt-4/vanilla|claude/rules"');
        }
      } finally {
        await viewer.close();
      }
    });
  }
});

describe("viewer security and bad input", () => {
  it("requires a random token on a non-loopback-default host and accepts it once via the URL, then by cookie", async () => {
    const fixture = writeVicunaFixture(join(root, "token"));
    // 127.0.0.2 is still loopback (tests stay on the machine) but is not the default host, so a token is required.
    const viewer = await startViewer({ path: fixture.dir, host: "127.0.0.2", port: 0, bootstrapRounds: 0 });
    try {
      expect(viewer.token).toMatch(/^[0-9a-f]{32}$/);
      const base = `http://127.0.0.2:${viewer.port}`;
      expect(viewer.url).toBe(`${base}/?token=${viewer.token}`);
      expect((await get(`${base}/`)).status).toBe(401);
      expect((await get(`${base}/assets/viewer.js`)).status).toBe(401);
      expect((await get(`${base}/?token=wrong`)).status).toBe(401);
      const opened = await fetch(viewer.url);
      expect(opened.status).toBe(200);
      const cookie = opened.headers.get("set-cookie") ?? "";
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Strict");
      expect((await get(`${base}/judges`, { headers: { cookie: cookie.split(";")[0]! } })).status).toBe(200);
      expect((await get(`${base}/judges`, { headers: { authorization: `Bearer ${viewer.token}` } })).status).toBe(200);
    } finally {
      await viewer.close();
    }
  });

  it("refuses a port in use naming it, and --port 0 picks a free one", async () => {
    const fixture = writeVicunaFixture(join(root, "port"));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startViewer({ path: fixture.dir, port })).rejects.toThrow(
        new ViewerInputError(
          `port ${port} is in use on 127.0.0.1; choose another with --port N, or --port 0 for a free one`,
        ),
      );
      const viewer = await startViewer({ path: fixture.dir, port: 0, bootstrapRounds: 0 });
      expect(viewer.port).not.toBe(port);
      expect(viewer.port).toBeGreaterThan(0);
      await viewer.close();
    } finally {
      blocker.close();
    }
  });

  it("refuses folders that are neither a dataset nor a run, and invalid datasets, with the reason", async () => {
    await expect(startViewer({ path: join(root, "missing") })).rejects.toThrow(/missing does not exist/);
    const empty = mkdtempSync(join(root, "empty-"));
    await expect(startViewer({ path: empty })).rejects.toThrow(/neither a dataset folder .* nor a run folder/);
    const broken = writeVicunaFixture(join(root, "broken"));
    const text = readFileSync(join(broken.dir, "comparisons.jsonl"), "utf8").split("\n");
    text[2] = '{"id": "x", "first": "bard"}';
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(broken.dir, "comparisons.jsonl"), text.join("\n"));
    await expect(startViewer({ path: broken.dir })).rejects.toThrow(/comparisons\.jsonl:3: /);
  });
});
