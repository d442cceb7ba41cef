/**
 * Screenshots a written report with a headless Chromium (`@judgelab/test-browser`: the system one when present, else
 * the one shipped in `@sparticuz/chromium`; never a downloaded browser):
 * the top of report.html, as a preview image kept next to the committed example report.
 *
 *   pnpm --filter @judgelab/report exec tsx scripts/screenshot-report.ts ../../reports/demo [out.png]
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchTestBrowser } from "@judgelab/test-browser";

const reportDir = path.resolve(process.argv[2] ?? "../../reports/demo");
const output = path.resolve(process.argv[3] ?? path.join(reportDir, "screenshot.png"));
const browser = await launchTestBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1250 } });
  await page.goto(pathToFileURL(path.join(reportDir, "report.html")).href, { waitUntil: "load" });
  await page.screenshot({ path: output, fullPage: false });
  process.stdout.write(`${output}\n`);
} finally {
  await browser.close();
}
