/**
 * The viewer's only script (bundled by esbuild into dist/assets/viewer.js, served from the same origin):
 * draws the vega-lite charts with vega-embed using vega's expression interpreter (no eval, so the CSP needs no
 * 'unsafe-eval'), submits filter forms when a select changes, and swaps in fresh page content when a live run
 * changes (server-sent events from /events). All HTML it inserts comes from the server, already escaped.
 */
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

async function drawCharts(root: ParentNode): Promise<void> {
  const targets = Array.from(root.querySelectorAll<HTMLElement>(".chart[data-chart]"));
  for (const target of targets) {
    const id = target.dataset.chart;
    const block = id === undefined ? null : document.getElementById(id);
    if (block === null || block.textContent === null) continue;
    try {
      const spec = JSON.parse(block.textContent) as object;
      await embed(target, spec as never, {
        actions: false,
        renderer: "svg",
        ast: true,
        expr: expressionInterpreter,
        tooltip: false,
        defaultStyle: false,
      });
      target.dataset.drawn = "1";
    } catch (error) {
      target.textContent = `chart could not be drawn: ${(error as Error).message}`;
    }
  }
}

function wireForms(root: ParentNode): void {
  for (const control of Array.from(root.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-autosubmit]"))) {
    control.addEventListener("change", () => control.form?.requestSubmit());
  }
}

async function refreshMain(version: string): Promise<void> {
  const main = document.getElementById("main");
  if (main === null) return;
  const response = await fetch(window.location.href, { headers: { "X-Fragment": "main" }, cache: "no-store" });
  if (!response.ok) return;
  main.innerHTML = await response.text();
  document.body.dataset.version = version;
  wireForms(main);
  await drawCharts(main);
}

function followRun(): void {
  const events = new EventSource("/events");
  let current: string | undefined;
  events.addEventListener("update", (event) => {
    const { version } = JSON.parse((event as MessageEvent<string>).data) as { version: number };
    const next = String(version);
    if (current === undefined) {
      current = next;
      document.body.dataset.version = next;
      return;
    }
    if (next === current) return;
    current = next;
    void refreshMain(next);
  });
}

/** A leaderboard still being rated: fetch the page again until the board has replaced the provisional table. */
function awaitPendingBoard(): void {
  if (document.querySelector("[data-pending-board]") === null) return;
  window.setTimeout(() => {
    void refreshMain(document.body.dataset.version ?? "").then(awaitPendingBoard);
  }, 1000);
}

function start(): void {
  wireForms(document);
  void drawCharts(document).then(() => {
    document.body.dataset.ready = "1";
  });
  if (document.body.dataset.live === "1") followRun();
  awaitPendingBoard();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
