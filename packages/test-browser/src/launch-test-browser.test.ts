import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { launchTestBrowser, resolveTestChromium, SYSTEM_CHROMIUM_PATHS } from "./launch-test-browser.js";

describe("launchTestBrowser", () => {
  it("starts the Chromium bundled in @sparticuz/chromium and renders a page", async () => {
    const found = await resolveTestChromium({ prefer: "bundled" });
    expect(found.source).toBe("bundled");
    expect(existsSync(found.executablePath)).toBe(true);
    // Unpacked whole into its own versioned folder (with the GL libraries it loads from there), no staging left.
    const folder = path.dirname(found.executablePath);
    expect(path.basename(folder)).toMatch(/^judgelab-chromium-\d+\.\d+\.\d+$/);
    expect(existsSync(path.join(folder, "libGLESv2.so"))).toBe(true);
    expect(
      readdirSync(path.dirname(folder)).filter((name) => name.startsWith(`${path.basename(folder)}.partial-`)),
    ).toEqual([]);
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
    // The first launch unpacks about 200 MB: seconds on an idle machine, minutes on a loaded one.
  }, 600_000);

  it("takes a system Chromium when one of the given paths exists, else the bundled one", async () => {
    const present = SYSTEM_CHROMIUM_PATHS.find((candidate) => existsSync(candidate));
    const found = await resolveTestChromium();
    expect(found.source).toBe(present === undefined ? "bundled" : "system");
    if (present !== undefined) expect(found.executablePath).toBe(present);
    const missing = await resolveTestChromium({ systemPaths: ["/nonexistent/chromium"] });
    expect(missing.source).toBe("bundled");
    const chosen = await resolveTestChromium({ systemPaths: [process.execPath] });
    expect(chosen).toMatchObject({ executablePath: process.execPath, source: "system" });
  }, 600_000);
});
