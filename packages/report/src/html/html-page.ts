import { escapeHtml } from "./escape-html.js";

/** Styles shared by the report and the item pages (inline: the pages make no requests). */
const PAGE_STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d2733; background: #f6f7f9; margin: 0; line-height: 1.5; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 64px; background: white; box-shadow: 0 0 12px rgba(0,0,0,.06); }
h1 { font-size: 1.7em; margin: .4em 0 .2em; line-height: 1.25; }
h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #e3e6ea; padding-bottom: .25em; }
h3 { font-size: 1.05em; margin-top: 1.4em; }
p.lead { font-size: 1.05em; color: #37424f; }
p.reading { background: #eef4fb; border-left: 4px solid #4c78a8; padding: .5em .8em; margin: .8em 0; }
ul.headlines li { margin: .35em 0; }
figure.chart { margin: 1.2em 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { font-size: .85em; color: #5a6572; }
table { border-collapse: collapse; font-size: .88em; margin: .8em 0; }
th, td { border-bottom: 1px solid #e3e6ea; padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: #f1f3f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: #6b7682; }
.small { font-size: .85em; }
code { background: #f1f3f6; padding: 0 .25em; border-radius: 3px; }
a { color: #1f4e8c; }
nav.toc a { margin-right: 1em; }
.score-block { display: flex; flex-wrap: wrap; gap: 28px; align-items: flex-end; margin: 1em 0; }
.score-main .label { font-size: .85em; color: #5a6572; }
.score-main .value { font-size: 2.4em; font-weight: 700; line-height: 1.1; }
.score-bar { position: relative; width: 220px; height: 8px; background: #e3e6ea; border-radius: 4px; margin-top: 6px; }
.score-bar span { position: absolute; top: -4px; width: 4px; height: 16px; background: #1f4e8c; border-radius: 2px; }
.score-range { display: flex; justify-content: space-between; width: 220px; font-size: .75em; color: #6b7682; }
.stat .value { font-size: 1.5em; font-weight: 700; }
.stat .label { font-size: .8em; color: #5a6572; }
.history-entry { border-top: 1px solid #e3e6ea; padding: .7em 0; }
.history-entry .meta { font-size: .85em; color: #5a6572; }
.outcome-win { color: #2e7d32; font-weight: 600; }
.outcome-loss { color: #c62828; font-weight: 600; }
.outcome-tie, .outcome-invalid { color: #6b7682; font-weight: 600; }
.assessment { white-space: pre-wrap; background: #fafbfc; border: 1px solid #e3e6ea; padding: .8em; border-radius: 4px; }
`;

/** Options of {@link renderHtmlPage}. */
export interface HtmlPageOptions {
  /** Plain text; escaped here. */
  readonly title: string;
  /** Trusted HTML body (callers escape every dataset string they put in it). */
  readonly body: string;
}

/**
 * A complete, self-contained HTML page: inline CSS, no scripts, and a Content-Security-Policy that forbids
 * scripts and every network request, so a page works offline and injected markup cannot run.
 */
export function renderHtmlPage(options: HtmlPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(options.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
${options.body}
</main>
</body>
</html>
`;
}

/** A table from rows of already-escaped cell HTML. `numeric` marks right-aligned columns. */
export function renderHtmlTable(options: {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly numeric?: readonly number[];
}): string {
  const numeric = new Set(options.numeric ?? []);
  const cellClass = (index: number) => (numeric.has(index) ? ' class="num"' : "");
  const head = options.headers.map((header, index) => `<th${cellClass(index)}>${escapeHtml(header)}</th>`).join("");
  const body = options.rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${cellClass(index)}>${cell}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
