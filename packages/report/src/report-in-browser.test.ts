import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, launchTestBrowser } from "@judgelab/test-browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleReportData } from "./test-support/sample-report-data.js";
import { type WrittenReport, writeReport } from "./write-report.js";

describe("report.html in a headless browser", () => {
  let browser: Browser;
  let outDir: string;
  let written: WrittenReport;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), "judgelab-browser-"));
    written = await writeReport({
      data: sampleReportData(),
      outDir,
      png: false,
      metadata: {
        generatedAt: "2026-05-05T00:00:00Z",
        seed: 7,
        bootstrapRounds: 200,
        dataset: { path: "sample", contentHash: "sha256:0", files: [] },
        packageVersions: {},
        nodeVersion: process.version,
      },
    });
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
  });

  async function openPage(file: string) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    page.on("requestfailed", (request) => failedRequests.push(request.url()));
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(path.join(outDir, file)).href, { waitUntil: "load" });
    return { page, consoleErrors, failedRequests, requests };
  }

  it("renders every chart, with no console error, no failed or external request and no injected script", async () => {
    const { page, consoleErrors, failedRequests, requests } = await openPage("report.html");
    const rendered = await page.$$eval(
      "figure.chart > svg",
      (svgs) =>
        svgs.filter((svg) => svg.getBoundingClientRect().width > 100 && svg.querySelectorAll("text").length > 0).length,
    );
    expect(rendered).toBe(written.charts.length);
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(requests.every((url) => url.startsWith("file://"))).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    // The hostile title is shown as text, not parsed as markup.
    expect(await page.locator("h1, li, p, td").filter({ hasText: "<script>window.__pwned" }).count()).toBeGreaterThan(
      0,
    );
    const screenshot = path.join(os.tmpdir(), "judgelab-report-screenshot.png");
    await page.screenshot({ path: screenshot, fullPage: false });
    expect((await readFile(screenshot)).length).toBeGreaterThan(10_000);
    await page.close();
  });

  it("item pages run no injected script and link back to the report", async () => {
    const file = written.files.find((candidate) => candidate.startsWith("items/paper-1-"))!;
    const { page, consoleErrors, failedRequests } = await openPage(file);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(await page.locator("h1").textContent()).toContain("<script>");
    await page.click("text=back to the report");
    expect(page.url()).toMatch(/report\.html$/);
    await page.close();
  });
});
