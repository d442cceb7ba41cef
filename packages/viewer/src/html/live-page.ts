import type { LeaderboardResult } from "../model/compute-leaderboard.js";
import type { ViewModel } from "../model/view-model.js";
import { esc, href, num } from "./html-text.js";

const STANDINGS = 15;

/**
 * The live run view: progress bar, calls done and pending, spend against the budget, failures by kind, the
 * standings (tournament score, TrueSkill seed display) and notices about log lines that were skipped.
 */
export function renderLive(model: ViewModel, seedBoard: LeaderboardResult | undefined): string {
  const source = model.source;
  const progress = source.progress();
  if (progress === undefined)
    return '<h1>Run</h1><p class="muted">This folder is a dataset, not a run folder: there is no run to follow.</p>';
  const data = model.data;
  const done = progress.recorded + progress.failed;
  const budget =
    progress.budgetUsd === undefined
      ? `<p>spent <strong id="spent">$${progress.spentUsd.toFixed(4)}</strong> (no budget set)</p>`
      : `<p>spent <strong id="spent">$${progress.spentUsd.toFixed(4)}</strong> of the $${progress.budgetUsd.toFixed(2)} budget <meter min="0" max="${progress.budgetUsd}" high="${0.9 * progress.budgetUsd}" value="${Math.min(progress.spentUsd, progress.budgetUsd)}"></meter></p>`;
  const failures = Object.entries(progress.failedByKind);
  const failureTable =
    failures.length === 0
      ? '<p class="muted">no failures</p>'
      : `<table><thead><tr><th>failure kind</th><th>comparisons</th></tr></thead><tbody>${failures
          .sort((a, b) => b[1] - a[1])
          .map(([kind, count]) => `<tr><td>${esc(kind)}</td><td>${count}</td></tr>`)
          .join("")}</tbody></table>`;
  const notices = source.notices();
  const noticeBlock =
    notices.length === 0
      ? ""
      : `<div class="notice" id="log-notices" role="status">${notices
          .map(
            (notice) =>
              `<p>log.jsonl${notice.line > 0 ? ` line ${notice.line}` : ""}${notice.bytes > 0 ? ` (${notice.bytes} bytes)` : ""}: ${esc(notice.message)}</p>`,
          )
          .join("")}</div>`;
  const wins = model.winRates();
  const standings = (seedBoard?.report.items ?? []).filter((entry) => entry.comparisons > 0).slice(0, STANDINGS);
  const standingRows = standings
    .map((entry, index) => {
      const code = data.itemCodes.get(entry.id) ?? -1;
      const title = data.items[code]?.title ?? entry.id;
      return `<tr><td>${index + 1}</td><td><a href="${href(`/item/${encodeURIComponent(entry.id)}`)}">${esc(title)}</a></td><td>${esc(entry.display ?? "")}</td><td>${num(wins.wins[code])}-${num(wins.losses[code])}-${num(wins.ties[code])}</td></tr>`;
    })
    .join("");
  const standingsPending =
    seedBoard === undefined ? '<p class="muted" data-pending-board="1">Standings are being computed.</p>' : "";
  return `<h1>Run: ${esc(progress.name)}</h1>
${noticeBlock}
<p><progress id="run-progress" max="${Math.max(progress.planned, 1)}" value="${done}"></progress> <span id="calls-done">${done}</span> of ${progress.planned} planned comparisons done, <span id="calls-pending">${progress.pending}</span> pending · ${progress.rounds} rounds · ${progress.cacheHits} from cache${
    progress.stopReason === undefined ? "" : ` · stopped: ${esc(progress.stopReason)}`
  }</p>
<p>${progress.recorded} recorded, ${progress.failed} failed</p>
${budget}
<h2>Failures by kind</h2>
${failureTable}
<h2>Standings</h2>
<p class="muted">Tournament score (TrueSkill replayed over the comparisons so far, seed-system display); updates as the log grows.</p>
${standingsPending}<table id="standings"><thead><tr><th>#</th><th>item</th><th>score</th><th>W-L-T</th></tr></thead><tbody>${standingRows}</tbody></table>`;
}
