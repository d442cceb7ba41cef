import type { RatedItem as ReportRatedItem } from "@judgelab/ratings";
import { buildLeaderboardChart, buildRankIntervalChart } from "@judgelab/report";
import { LEADERBOARD_METHODS, type LeaderboardQuery, type LeaderboardResult } from "../model/compute-leaderboard.js";
import type { ViewModel } from "../model/view-model.js";
import { chartBlock, esc, href, num, pct, select } from "./html-text.js";

/** Rows of the leaderboard table per page. */
export const LEADERBOARD_PAGE_SIZE = 100;
/** Judges shown side by side at most. */
const MAX_SIDE_BY_SIDE = 12;

const METHOD_LABELS: Readonly<Record<string, string>> = {
  bt: "Bradley–Terry (Elo scale)",
  elo: "Elo (online)",
  trueskill: "TrueSkill (seed-system score)",
  glicko2: "Glicko-2",
  openskill: "OpenSkill (ordinal)",
  winrate: "win rate",
};

/** Leaderboard page options from the URL. */
export interface LeaderboardView {
  readonly query: LeaderboardQuery;
  readonly sideBySide: boolean;
  readonly page: number;
}

function rankInterval(item: ReportRatedItem): string {
  if (item.rankLower === null || item.rankUpper === null) return "–";
  return item.rankLower === item.rankUpper ? `${item.rankLower}` : `${item.rankLower}–${item.rankUpper}`;
}

function ratingDigits(method: string): number {
  return method === "winrate" ? 3 : method === "openskill" ? 2 : 0;
}

/** Boards for one leaderboard page: the panel board and, side by side, each judge's (when asked for and ready). */
export interface LeaderboardBoards {
  readonly panel: LeaderboardResult | undefined;
  readonly perJudge?: ReadonlyMap<string, LeaderboardResult> | undefined;
}

/** Judges shown side by side (at most {@link MAX_SIDE_BY_SIDE}). */
export function sideBySideJudges(judgeIds: readonly string[]): readonly string[] {
  return judgeIds.slice(0, MAX_SIDE_BY_SIDE);
}

/**
 * The leaderboard: method, interval, unit and category switches, the table with W-L-T and the report's charts.
 * While the panel board is still being rated (a bootstrap over many comparisons), a provisional table of win
 * rates is shown instead and the page replaces itself when the board is ready.
 */
export function renderLeaderboard(model: ViewModel, view: LeaderboardView, boards: LeaderboardBoards): string {
  const data = model.data;
  const board = boards.panel;
  const form = renderControls(model, view);
  if (board === undefined) return `<h1>Leaderboard</h1>\n${form}\n${renderProvisional(model, view)}`;
  const sideJudges = view.sideBySide && boards.perJudge !== undefined ? sideBySideJudges(data.table.judgeIds) : [];
  const perJudge = sideJudges.map((judge) => {
    const judgeBoard = boards.perJudge?.get(judge);
    return new Map((judgeBoard?.report.items ?? []).map((item) => [item.id, item]));
  });
  const sidePending =
    view.sideBySide && boards.perJudge === undefined
      ? '<p class="muted" data-pending-board="1">Per-judge boards are being computed; they appear here when ready.</p>'
      : "";
  return `<h1>Leaderboard</h1>
${form}
${renderBoard(model, view, board, sideJudges, perJudge)}
${sidePending}`;
}

function renderControls(model: ViewModel, view: LeaderboardView): string {
  const { query } = view;
  const data = model.data;
  return `<form method="get" action="/" class="controls">
<label>method ${select(
    "method",
    LEADERBOARD_METHODS.map((method) => [method, METHOD_LABELS[method] ?? method] as const),
    query.method,
  )}</label>
<label>intervals ${select(
    "intervals",
    [
      ["bootstrap", `bootstrap (${model.settings.bootstrapRounds} resamples)`],
      ["none", "none (bt: Fisher-information SE)"],
    ],
    query.intervals,
  )}</label>
<label>unit ${select(
    "unit",
    [
      ["comparison", "each comparison"],
      ["match", "each match (majority of its comparisons)"],
    ],
    query.unit,
  )}</label>
<label>category ${select("category", [["", "all"], ...data.categories.map((c) => [c, c] as const)], query.category)}</label>
<label><input type="checkbox" name="side" value="1"${view.sideBySide ? " checked" : ""} data-autosubmit> per-judge boards side by side</label>
<button type="submit">show</button>
</form>`;
}

function renderProvisional(model: ViewModel, view: LeaderboardView): string {
  const data = model.data;
  const wins = model.winRates();
  const inCategory = (code: number) =>
    view.query.category === undefined || data.categoryOf[code] === view.query.category;
  const codes = data.items
    .map((_, code) => code)
    .filter((code) => wins.comparisons[code]! > 0 && inCategory(code))
    .sort((a, b) => (wins.winRate[b] ?? 0) - (wins.winRate[a] ?? 0) || wins.wins[b]! - wins.wins[a]!);
  const rows = codes
    .slice(0, LEADERBOARD_PAGE_SIZE)
    .map(
      (code) =>
        `<tr><td><a href="${href(`/item/${encodeURIComponent(data.items[code]!.id)}`)}">${esc(data.items[code]!.title)}</a></td><td>${num(wins.wins[code])}-${num(wins.losses[code])}-${num(wins.ties[code])}</td><td>${pct(wins.winRate[code])} [${pct(wins.lower[code])}, ${pct(wins.upper[code])}]</td></tr>`,
    )
    .join("\n");
  return `<div class="notice" data-pending-board="1" role="status"><p>${esc(METHOD_LABELS[view.query.method] ?? view.query.method)}${
    view.query.intervals === "bootstrap" ? ` with ${model.settings.bootstrapRounds} bootstrap resamples` : ""
  } is being computed on a worker thread; this page replaces itself when it is ready. Meanwhile: win rates over all comparisons (ties excluded, 95% Wilson interval), not a rating.</p></div>
<table class="board" id="provisional-board"><thead><tr><th>item</th><th>W-L-T</th><th>win rate</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function renderBoard(
  model: ViewModel,
  view: LeaderboardView,
  board: LeaderboardResult,
  sideJudges: readonly string[],
  perJudge: readonly ReadonlyMap<string, ReportRatedItem>[],
): string {
  const data = model.data;
  const { query } = view;
  const inCategory = (id: string) =>
    query.category === undefined || data.categoryOf[data.itemCodes.get(id) ?? -1] === query.category;
  const rated = board.report.items.filter((item) => item.comparisons > 0 && inCategory(item.id));
  const digits = ratingDigits(query.method);
  const start = view.page * LEADERBOARD_PAGE_SIZE;
  const shown = rated.slice(start, start + LEADERBOARD_PAGE_SIZE);
  const titleOf = (id: string) => data.items[data.itemCodes.get(id) ?? -1]?.title ?? id;
  const notes = [
    `${board.rows.toLocaleString("en-US")} comparisons rated (${board.report.invalid} invalid left out), ${rated.length} items.`,
    `Intervals: ${board.report.intervals}`,
    ...(board.prior === undefined
      ? []
      : [
          `Bradley–Terry with an L2 prior of ${board.prior} on log-strengths: the plain maximum-likelihood fit is not finite here.`,
        ]),
    ...(board.report.warnings ?? []),
  ];
  const header = `<tr><th>rank</th><th>rank interval</th><th>item</th>${query.category === undefined && data.categories.length > 0 ? "<th>category</th>" : ""}<th>rating</th><th>95% interval</th><th>W-L-T</th><th>win rate</th>${sideJudges
    .map(
      (judge) =>
        `<th class="judge-col" title="${esc(judge)}">${esc(judge)}<br><span class="muted">rank (rating)</span></th>`,
    )
    .join("")}</tr>`;
  const rows = shown
    .map((item) => {
      const category = data.categoryOf[data.itemCodes.get(item.id) ?? -1];
      const side = perJudge
        .map((board) => {
          const other = board.get(item.id);
          return `<td>${other === undefined || other.comparisons === 0 ? "–" : `${num(other.rank)} (${num(other.rating, digits)})`}</td>`;
        })
        .join("");
      return `<tr><td>${num(item.rank)}</td><td>${rankInterval(item)}</td><td><a href="${href(`/item/${encodeURIComponent(item.id)}`)}">${esc(titleOf(item.id))}</a></td>${
        query.category === undefined && data.categories.length > 0 ? `<td>${esc(category ?? "")}</td>` : ""
      }<td>${num(item.rating, digits)}</td><td>${item.ciLower === null ? "–" : `[${num(item.ciLower, digits)}, ${num(item.ciUpper, digits)}]`}</td><td>${item.wins}-${item.losses}-${item.ties}</td><td>${pct(item.winRate)}</td>${side}</tr>`;
    })
    .join("\n");
  const pages = Math.max(1, Math.ceil(rated.length / LEADERBOARD_PAGE_SIZE));
  const pager = pagerLinks(view, pages);
  return `<p class="muted">${notes.map(esc).join("<br>")}</p>
${charts(model, view, rated, titleOf)}
<table class="board"><thead>${header}</thead><tbody>
${rows}
</tbody></table>
${pager}`;
}

function pagerLinks(view: LeaderboardView, pages: number): string {
  if (pages <= 1) return "";
  const link = (page: number, label: string) =>
    `<a href="${href("/", {
      method: view.query.method,
      intervals: view.query.intervals,
      unit: view.query.unit,
      category: view.query.category,
      side: view.sideBySide,
      page: page === 0 ? undefined : page,
    })}">${label}</a>`;
  return `<p class="pager">${view.page > 0 ? link(view.page - 1, "← previous") : ""} page ${view.page + 1} of ${pages} ${
    view.page + 1 < pages ? link(view.page + 1, "next →") : ""
  }</p>`;
}

function charts(
  model: ViewModel,
  view: LeaderboardView,
  rated: readonly ReportRatedItem[],
  titleOf: (id: string) => string,
): string {
  const method = view.query.method;
  const withInterval = rated.filter((item) => item.rating !== null && item.ciLower !== null && item.ciUpper !== null);
  const blocks: string[] = [];
  if (withInterval.length > 0) {
    blocks.push(
      chartBlock(
        "chart-leaderboard",
        buildLeaderboardChart({
          items: withInterval.map((item) => ({
            id: item.id,
            label: titleOf(item.id),
            rating: item.rating!,
            lower: item.ciLower!,
            upper: item.ciUpper!,
            category: model.data.categoryOf[model.data.itemCodes.get(item.id) ?? -1],
          })),
          ratingLabel: METHOD_LABELS[method] ?? method,
          intervalLabel: view.query.intervals === "bootstrap" ? "95% bootstrap interval" : "95% Wald interval",
        }),
      ),
    );
  }
  const ranked = rated.filter((item) => item.rank !== null && item.rankLower !== null && item.rankUpper !== null);
  if (ranked.length > 1) {
    blocks.push(
      chartBlock(
        "chart-ranks",
        buildRankIntervalChart({
          items: ranked.map((item) => ({
            id: item.id,
            label: titleOf(item.id),
            rank: item.rank!,
            rankLower: item.rankLower!,
            rankUpper: item.rankUpper!,
          })),
          intervalLabel: "95% bootstrap rank interval",
        }),
      ),
    );
  }
  return blocks.length === 0 ? "" : `<div class="charts">${blocks.join("\n")}</div>`;
}
