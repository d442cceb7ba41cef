import type { LeaderboardQuery, LeaderboardResult } from "../model/compute-leaderboard.js";
import { rowsOf } from "../model/group-rows.js";
import type { ViewModel } from "../model/view-model.js";
import { esc, href, num, pct } from "./html-text.js";

/** History entries per page of an item page. */
export const HISTORY_PAGE_SIZE = 50;

/** Default leaderboard whose rating the item page quotes. */
export const DEFAULT_BOARD: LeaderboardQuery = { method: "bt", intervals: "bootstrap", unit: "comparison" };

/**
 * An item's page in the seed system's layout: tournament score `1565±40` (TrueSkill, seed display), rank in its
 * category, win rate, wins, losses and matches, the text, pointwise assessments, and the comparison history
 * (newest first, paged) with judge, presented order and rationale.
 */
export function renderItemPage(
  model: ViewModel,
  code: number,
  page: number,
  seedBoard: LeaderboardResult | undefined,
): string {
  const data = model.data;
  const item = data.items[code]!;
  const seeded = seedBoard?.report.items.find((entry) => entry.id === item.id);
  const score =
    seeded?.display === undefined || seeded.rating === null
      ? undefined
      : { display: seeded.display, score: seeded.rating };
  const categoryRank = seeded?.categoryRank ?? null;
  const wins = model.winRates();
  // The Bradley–Terry line appears once the default board is ready (it is rated on the worker, never awaited here).
  const ready = model.readyBoard(DEFAULT_BOARD);
  if (ready === undefined) model.requestBoard(DEFAULT_BOARD).catch(() => {});
  const board = ready?.report.items.find((entry) => entry.id === item.id);
  const range = categoryRange(model, seedBoard, item.category);
  const rankLine =
    categoryRank === null
      ? esc(item.category ?? "")
      : `${esc(categoryRank)}${item.category === undefined ? "" : ` · ${esc(item.category)}`}`;
  const scoreBlock =
    seedBoard === undefined
      ? '<p class="muted" data-pending-board="1">The tournament score (TrueSkill replay) is being computed; this page updates itself.</p>'
      : score === undefined
        ? '<p class="muted">No valid comparison yet: no tournament score.</p>'
        : `<div class="score"><div class="muted">Tournament Score</div><div class="big" id="seed-score">${esc(score.display)}</div>${
            range === undefined
              ? ""
              : `<meter min="${range.min}" max="${range.max}" value="${score.score}"></meter><div class="muted small">${range.min} … ${range.max} in ${esc(item.category ?? "all items")}</div>`
          }</div>`;
  const decided = wins.wins[code]! + wins.losses[code]!;
  const stats = `<div class="stats">
<div><span class="big">${pct(wins.winRate[code])}</span><br><span class="muted">Win Rate</span></div>
<div><span class="big">${num(wins.wins[code])}</span><br><span class="muted">Wins</span></div>
<div><span class="big">${num(wins.losses[code])}</span><br><span class="muted">Losses</span></div>
<div><span class="big">${num(wins.comparisons[code])}</span><br><span class="muted">Matches</span></div>
</div>
<p class="muted small">Win rate = wins / (wins + losses) over ${num(decided)} decided comparisons (ties ${num(wins.ties[code])}), 95% Wilson interval [${pct(wins.lower[code])}, ${pct(wins.upper[code])}]. Tournament score: TrueSkill replayed in time order, shown as round((μ − 3σ)·10 + 1200) ± round(2σ·10).${
    board === undefined || board.rating === null
      ? ""
      : ` Bradley–Terry: ${num(board.rating)} [${num(board.ciLower)}, ${num(board.ciUpper)}], rank ${num(board.rank)} (${num(board.rankLower)}–${num(board.rankUpper)}).`
  }</p>`;
  const assessments = data.assessments.filter((assessment) => assessment.item === item.id);
  const assessmentBlock =
    assessments.length === 0
      ? ""
      : `<h2>Assessments (${assessments.length})</h2>${assessments
          .map(
            (assessment) =>
              `<section class="assessment"><h3>${esc(assessment.judge)}</h3><p>${Object.entries(assessment.scores)
                .map(([name, value]) => `${esc(name)} <strong>${num(value, 1)}</strong>`)
                .join(
                  " · ",
                )}${assessment.scale === undefined ? "" : ` <span class="muted">(scale ${num(assessment.scale.min)}–${num(assessment.scale.max)})</span>`}</p>${
                assessment.text === undefined ? "" : `<div class="assessment-text">${esc(assessment.text)}</div>`
              }</section>`,
          )
          .join("\n")}`;
  const rows = Array.from(rowsOf(data.rowsByItem, code));
  const time = data.table.time;
  rows.sort((a, b) => {
    const ta = time[a]!;
    const tb = time[b]!;
    if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return tb - ta;
    return b - a;
  });
  const shown = rows.slice(page * HISTORY_PAGE_SIZE, (page + 1) * HISTORY_PAGE_SIZE);
  const history = shown.map((row) => historyEntry(model, code, row)).join("\n");
  const pages = Math.max(1, Math.ceil(rows.length / HISTORY_PAGE_SIZE));
  const link = (target: number, label: string) =>
    `<a href="${href(`/item/${encodeURIComponent(item.id)}`, { page: target === 0 ? undefined : target })}">${label}</a>`;
  const pager =
    pages <= 1
      ? ""
      : `<p class="pager">${page > 0 ? link(page - 1, "← newer") : ""} page ${page + 1} of ${pages} ${page + 1 < pages ? link(page + 1, "older →") : ""}</p>`;
  return `<article class="item-page">
<h1 id="item-title">${esc(item.title)}</h1>
${item.byline === undefined ? "" : `<p class="muted">${esc(item.byline)}</p>`}
<p><strong>${rankLine}</strong> · <a href="${href("/comparisons", { item: item.id })}">all comparisons of this item</a></p>
${scoreBlock}
${stats}
${item.text === undefined ? "" : `<h2>Abstract</h2><p class="item-text">${esc(item.text)}</p>`}
${assessmentBlock}
<h2>Comparison History (${rows.length})</h2>
${pager}
${history}
${pager}
</article>`;
}

/** Lowest and highest tournament score among the items of a category (for the score bar). */
function categoryRange(
  model: ViewModel,
  seedBoard: LeaderboardResult | undefined,
  category: string | undefined,
): { min: number; max: number } | undefined {
  if (seedBoard === undefined) return undefined;
  const data = model.data;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const entry of seedBoard.report.items) {
    if (entry.rating === null || entry.comparisons === 0) continue;
    if (data.categoryOf[data.itemCodes.get(entry.id) ?? -1] !== category) continue;
    min = Math.min(min, entry.rating);
    max = Math.max(max, entry.rating);
  }
  return Number.isFinite(min) ? { min, max } : undefined;
}

function historyEntry(model: ViewModel, code: number, row: number): string {
  const data = model.data;
  const { table } = data;
  const shownFirst = table.first[row] === code;
  const opponent = shownFirst ? table.second[row]! : table.first[row]!;
  const verdict = table.verdict[row]!;
  const result =
    verdict === 2
      ? "tie"
      : verdict > 2
        ? "invalid"
        : (verdict === 0) === shownFirst
          ? '<span class="won">won</span>'
          : '<span class="lost">lost</span>';
  const record = data.store.record(row);
  const time = table.time[row]!;
  const opponentItem = data.items[opponent];
  return `<section class="history">
<h3>vs. <a href="${href(`/item/${encodeURIComponent(opponentItem?.id ?? "")}`)}">${esc(opponentItem?.title ?? "?")}</a></h3>
<p class="muted">${esc(table.judgeIds[table.judge[row]!] ?? "?")} · shown ${shownFirst ? "first" : "second"} · ${result}${
    Number.isNaN(time) ? "" : ` · ${new Date(time).toISOString().slice(0, 10)}`
  } · <a href="${href(`/comparison/${row}`)}">details</a></p>
${record.rationale === undefined ? "" : `<p class="rationale">${esc(record.rationale)}</p>`}
</section>`;
}
