/**
 * Screenshots a written report with Debian's headless Chromium (playwright-core, never a downloaded browser):
 * the top of report.html, as a preview image kept next to the committed example report.
 *
 *   pnpm --filter @judgelab/report exec tsx scripts/screenshot-report.ts ../../reports/demo [out.png]
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../src/test-support/chromium.js";

const reportDir = path.resolve(process.argv[2] ?? "../../reports/demo");
const output = path.resolve(process.argv[3] ?? path.join(reportDir, "screenshot.png"));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1250 } });
  await page.goto(pathToFileURL(path.join(reportDir, "report.html")).href, { waitUntil: "load" });
  await page.screenshot({ path: output, fullPage: false });
  process.stdout.write(`${output}\n`);
} finally {
  await browser.close();
}
