import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { launchTestBrowser, resolveTestChromium, SYSTEM_CHROMIUM_PATHS } from "./launch-test-browser.js";

describe("launchTestBrowser", () => {
  it("starts the Chromium bundled in @sparticuz/chromium and renders a page", async () => {
    const found = await resolveTestChromium({ prefer: "bundled" });
    expect(found.source).toBe("bundled");
    expect(existsSync(found.executablePath)).toBe(true);
    expect(found.args).not.toContainEqual(expect.stringMatching(/^--user-data-dir/));
    const browser = await launchTestBrowser({ prefer: "bundled" });
    try {
      const page = await browser.newPage();
      await page.setContent("<p id=x>judgelab</p><svg width=40 height=20><text x=0 y=15>ok</text></svg>");
      expect(await page.locator("#x").textContent()).toBe("judgelab");
      expect(await page.$eval("svg", (svg) => svg.getBoundingClientRect().width)).toBe(40);
      await page.close();
      // A second page after the first one's context closed (a single-process Chromium is gone by then).
      const second = await browser.newPage();
      await second.setContent("<title>second</title>");
      expect(await second.title()).toBe("second");
      await second.close();
    } finally {
      await browser.close();
    }
  });

  it("takes a system Chromium when one of the given paths exists, else the bundled one", async () => {
    const present = SYSTEM_CHROMIUM_PATHS.find((candidate) => existsSync(candidate));
    const found = await resolveTestChromium();
    expect(found.source).toBe(present === undefined ? "bundled" : "system");
    if (present !== undefined) expect(found.executablePath).toBe(present);
    const missing = await resolveTestChromium({ systemPaths: ["/nonexistent/chromium"] });
    expect(missing.source).toBe("bundled");
    const chosen = await resolveTestChromium({ systemPaths: [process.execPath] });
    expect(chosen).toMatchObject({ executablePath: process.execPath, source: "system" });
  });
});
