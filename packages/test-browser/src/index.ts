export type { Browser } from "playwright-core";
export {
  type LaunchTestBrowserOptions,
  launchTestBrowser,
  resolveTestChromium,
  SYSTEM_CHROMIUM_ARGS,
  SYSTEM_CHROMIUM_PATHS,
  type TestChromium,
} from "./launch-test-browser.js";
