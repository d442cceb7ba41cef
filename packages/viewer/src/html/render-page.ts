import type { ViewSource } from "../source/view-source.js";
import { esc } from "./html-text.js";

/** The views in the navigation bar. */
export type ViewName = "leaderboard" | "comparisons" | "judges" | "live" | "item";

const NAV: readonly [ViewName, string, string][] = [
  ["leaderboard", "/", "Leaderboard"],
  ["comparisons", "/comparisons", "Comparisons"],
  ["judges", "/judges", "Judges"],
  ["live", "/live", "Run"],
];

/**
 * A whole page: navigation, the main content and the bundled script and stylesheet (same origin only; the CSP
 * forbids inline scripts and styles). `main` must already be escaped HTML.
 */
export function renderPage(options: { title: string; view: ViewName; source: ViewSource; main: string }): string {
  const data = options.source.current();
  const nav = NAV.filter(([name]) => name !== "live" || options.source.kind === "run")
    .map(
      ([name, path, label]) =>
        `<a href="${path}"${name === options.view ? ' aria-current="page"' : ""} data-nav="${name}">${label}</a>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)} · ${esc(data.name)} · judgelab view</title>
<link rel="stylesheet" href="/assets/viewer.css">
<script src="/assets/viewer.js" defer></script>
</head>
<body data-live="${options.source.kind === "run" ? "1" : "0"}">
<header><strong>judgelab view</strong> <span class="muted">${esc(data.name)} · ${options.source.kind} · ${data.table.size.toLocaleString("en-US")} comparisons</span><nav>${nav}</nav></header>
<main id="main">${options.main}</main>
</body>
</html>
`;
}
