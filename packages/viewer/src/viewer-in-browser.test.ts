import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, launchTestBrowser } from "@judgelab/test-browser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningViewer, startViewer } from "./server/start-viewer.js";
import { expectedFlags } from "./test-support/expected-flags.js";
import { SimulatedRun } from "./test-support/simulated-run.js";
import { type FixtureDataset, writePaperFixture } from "./test-support/write-fixtures.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-viewer-browser-"));

describe("judgelab view in headless Chromium", () => {
  let browser: Browser;
  let fixture: FixtureDataset;
  let viewer: RunningViewer;

  beforeAll(async () => {
    fixture = writePaperFixture(join(root, "papers"));
    viewer = await startViewer({ path: fixture.dir, port: 0, bootstrapRounds: 20, boardWaitMs: 60_000 });
    browser = await launchTestBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A page that records console errors, page errors, failed requests and every request URL. */
  async function open(base: string) {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning")
        errors.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("requestfailed", (request) => {
      // Leaving a page aborts its event stream and any refresh in flight (net::ERR_ABORTED): not a failure.
      const failure = request.failure()?.errorText ?? "";
      if (!failure.includes("ERR_ABORTED")) errors.push(`request failed: ${request.url()} ${failure}`);
    });
    page.on("request", (request) => requests.push(request.url()));
    const offsite = () => requests.filter((url) => !url.startsWith(base));
    return { page, errors, requests, offsite };
  }

  async function ready(page: Page) {
    await page.waitForSelector("body[data-ready='1']", { timeout: 20_000 });
  }

  async function count(page: Page): Promise<number> {
    return Number((await page.textContent("#match-count strong"))!.replace(/,/g, ""));
  }

  it("navigates every view, filters, opens an item page, with no console error and no request leaving 127.0.0.1", {
    timeout: 180_000,
  }, async () => {
    const base = viewer.url;
    const { page, errors, offsite } = await open(base);
    await page.goto(base);
    await ready(page);
    // Both report charts drawn by vega-embed as SVG with text.
    const charts = await page.$$eval(
      ".chart[data-drawn='1'] svg",
      (svgs) =>
        svgs.filter((svg) => svg.querySelectorAll("text").length > 0 && svg.getBoundingClientRect().width > 100).length,
    );
    expect(charts).toBe(2);
    // Method switch (a select that submits itself).
    await Promise.all([page.waitForURL(/method=trueskill/), page.selectOption("select[name=method]", "trueskill")]);
    await ready(page);
    expect(await page.textContent("main")).toContain("TrueSkill");

    await Promise.all([page.waitForURL(/\/comparisons$/), page.click("a[data-nav=comparisons]")]);
    await ready(page);
    expect(await count(page)).toBe(fixture.comparisons.length);
    await page.selectOption("select[name=judge]", "gpt-5.2");
    await page.check("input[name=flips]");
    await Promise.all([page.waitForURL(/flips=1/), page.click("form.controls button[type=submit]")]);
    const flips = expectedFlags(fixture.comparisons, fixture.references).flips;
    expect(await count(page)).toBe(fixture.comparisons.filter((c) => c.judge === "gpt-5.2" && flips.has(c.id)).length);
    await page.goto(`${base}comparisons`);
    await page.fill("input[name=q]", "more novel");
    await Promise.all([page.waitForURL(/q=more\+novel/), page.press("input[name=q]", "Enter")]);
    expect(await count(page)).toBe(fixture.comparisons.filter((c) => c.rationale?.includes("more novel")).length);
    // Open a comparison's "other judgments" and follow an item link to its page.
    await page.click("article.comparison details summary");
    await Promise.all([page.waitForURL(/\/item\//), page.click("article.comparison ol.pair li a")]);
    await ready(page);
    expect(await page.textContent("#seed-score")).toMatch(/^\d{3,4}±\d{1,3}$/);
    expect(await page.textContent("main")).toContain("Comparison History");

    await Promise.all([page.waitForURL(/\/judges$/), page.click("a[data-nav=judges]")]);
    await ready(page);
    expect(await page.$$eval(".chart[data-drawn='1'] svg", (svgs) => svgs.length)).toBe(2);
    await Promise.all([page.waitForURL(/with=gpt-5.2/), page.click("a[data-cell='gemini-3|gpt-5.2']")]);
    expect(await count(page)).toBeGreaterThan(0);

    expect(errors).toEqual([]);
    expect(offsite()).toEqual([]);
    await page.close();
  });

  it("keeps XSS attempts in titles, rationales, authors and assessments inert", async () => {
    const base = viewer.url;
    const { page, errors, offsite } = await open(base);
    const xssRow = fixture.comparisons.findIndex((c) => c.rationale?.includes("</blockquote>"));
    for (const path of ["", "item/paper-0", "comparisons?item=paper-0", "?side=1", `comparison/${xssRow}`]) {
      await page.goto(base + path);
      await ready(page);
      expect(await page.evaluate("window.__xss"), path).toBeUndefined();
      const injected = await page.evaluate(`({
        scripts: document.querySelectorAll("script:not([src]):not([type='application/json'])").length,
        images: document.querySelectorAll("main img").length,
      })`);
      expect(injected, path).toEqual({ scripts: 0, images: 0 });
    }
    expect(await page.textContent("main")).toContain("</blockquote><script>");
    expect(errors).toEqual([]);
    expect(offsite()).toEqual([]);
    await page.close();
  });

  it("updates the live view within 2 s while a simulated run writes", async () => {
    const run = new SimulatedRun(join(root, "run"), { budgetUsd: 0.05 });
    const planned = run.planRound(4);
    for (const entry of planned.slice(0, 3)) run.record(entry, "first");
    const live = await startViewer({ path: run.dir, port: 0, refreshMs: 200, bootstrapRounds: 0, boardWaitMs: 60_000 });
    const { page, errors, offsite } = await open(live.url);
    try {
      await page.goto(`${live.url}live`);
      await ready(page);
      await page.waitForSelector("body[data-version]");
      expect(await page.textContent("#calls-done")).toBe("3");
      const written = Date.now();
      for (const entry of planned.slice(3, 7)) run.record(entry, "second");
      run.fail(planned[7]!, "refusal");
      await page.locator("#calls-done", { hasText: /^8$/ }).waitFor({ timeout: 2000 });
      const latency = Date.now() - written;
      expect(latency).toBeLessThan(2000);
      expect(await page.textContent("#calls-pending")).toBe("0");
      expect(await page.textContent("main")).toContain("refusal");
      const played = new Set(planned.flatMap((entry) => [entry.first, entry.second]));
      expect(await page.$$eval("#standings tbody tr", (rows) => rows.length)).toBe(played.size);
      expect(await page.evaluate("window.__xss")).toBeUndefined();
      run.appendRaw('{"type":"recorded","id":"torn');
      await page.waitForSelector("#log-notices", { timeout: 2000 });
      expect(errors).toEqual([]);
      expect(offsite()).toEqual([]);
    } finally {
      await page.close();
      await live.close();
      run.close();
    }
  });
});
