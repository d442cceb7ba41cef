/** Debian's Chromium (CI installs it with apt); never a downloaded browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Headless flags for playwright-core (never --user-data-dir: playwright manages the profile). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
