import { createHash } from "node:crypto";
import type { HistoryEntry, ItemAssessment, ItemPage } from "../model/report-data.js";
import { escapeHtml } from "./escape-html.js";
import { formatPercent } from "./format-numbers.js";
import { renderHtmlPage } from "./html-page.js";

/**
 * File name of an item's page: the id reduced to safe characters plus a short hash of the full id, so that
 * distinct ids never share a file and no id can escape the folder ("../" and the like are removed).
 */
export function itemPageFileName(id: string): string {
  const safe =
    id
      .replace(/[^A-Za-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "item";
  const hash = createHash("sha256").update(id).digest("hex").slice(0, 8);
  return `${safe}-${hash}.html`;
}

/** "May 5, 2026" from an ISO date or timestamp (UTC), or the input when it does not parse. */
export function formatDisplayDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toLocaleDateString("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
}

function renderPublished(page: ItemPage): string {
  const published = page.published;
  if (published === undefined) return "";
  const parts: string[] = [];
  if (published.score !== undefined) parts.push(`score ${escapeHtml(published.score)}`);
  if (published.rank !== undefined) {
    const category = published.rank.category === undefined ? "" : ` · ${escapeHtml(published.rank.category)}`;
    parts.push(`#${published.rank.position} of ${published.rank.of}${category}`);
  }
  if (published.winRate !== undefined) parts.push(`win rate ${formatPercent(published.winRate)}`);
  if (published.wins !== undefined && published.losses !== undefined)
    parts.push(`${published.wins} wins, ${published.losses} losses`);
  if (published.matches !== undefined) parts.push(`${published.matches} matches`);
  if (published.historyCount !== undefined) parts.push(`${published.historyCount} comparisons in its history`);
  return `<p class="reading small">As published by the source: ${parts.join(" · ")}. The figures above are computed from the ${page.history.length} comparisons this dataset holds for the item.</p>`;
}

/** What the seed-layout score and its ± are (shown wherever they are). */
export const SCORE_LEGEND =
  "Tournament score: TrueSkill as the seed system shows it, round((μ − 3σ)·10 + 1200), a conservative skill estimate; ± is round(2σ·10), two standard deviations of the skill on that scale (not a confidence interval of the score).";

function renderScoreBlock(page: ItemPage): string {
  const standing = page.standing;
  const parts: string[] = [];
  if (standing.score !== undefined) {
    const range = page.scoreRange;
    const position =
      range === undefined || range.upper <= range.lower
        ? undefined
        : Math.min(1, Math.max(0, (standing.score.value - range.lower) / (range.upper - range.lower)));
    const bar =
      position === undefined || range === undefined
        ? ""
        : `<div class="score-bar" title="position within the category's score range"><span style="left:calc(${(100 * position).toFixed(1)}% - 2px)"></span></div><div class="score-range"><span>${Math.round(range.lower)}</span><span>${Math.round(range.upper)}</span></div>`;
    parts.push(
      `<div class="score-main"><div class="label">Tournament Score</div><div class="value">${Math.round(standing.score.value)}±${Math.round(standing.score.halfWidth)}</div>${bar}<div class="small muted">${escapeHtml(SCORE_LEGEND)}</div></div>`,
    );
  }
  if (standing.rating !== undefined) {
    parts.push(
      `<div class="score-main"><div class="label">Rating (BT, 95% CI)</div><div class="value">${Math.round(standing.rating.value)}</div><div class="small muted">[${Math.round(standing.rating.lower)}, ${Math.round(standing.rating.upper)}]</div></div>`,
    );
  }
  const stat = (value: string, label: string) =>
    `<div class="stat"><div class="value">${value}</div><div class="label">${label}</div></div>`;
  // An item that has not played yet has no win rate (the seed page shows a dash, not "n/a").
  parts.push(stat(standing.winRate.value === null ? "–" : formatPercent(standing.winRate.value), "Win Rate"));
  parts.push(stat(String(standing.wins), "Wins"));
  parts.push(stat(String(standing.losses), "Losses"));
  if (standing.ties > 0) parts.push(stat(String(standing.ties), "Ties"));
  parts.push(stat(String(standing.matches), "Matches"));
  return `<div class="score-block">${parts.join("")}</div>`;
}

const RUBRIC_ORDER = ["significance", "rigor", "novelty", "clarity"];

/** Seed-page order of the rubric scores; unknown keys after them, alphabetically. */
function rubricPosition(key: string): number {
  const index = RUBRIC_ORDER.indexOf(key);
  return index === -1 ? RUBRIC_ORDER.length : index;
}

function titleCase(word: string): string {
  return word.length === 0 ? word : `${word[0]!.toUpperCase()}${word.slice(1)}`;
}

function renderRubric(assessment: ItemAssessment): string {
  const max = assessment.scale?.max ?? 10;
  const overall = assessment.scores.overall;
  const rubric = Object.keys(assessment.scores)
    .filter((key) => key !== "overall")
    .sort((a, b) => rubricPosition(a) - rubricPosition(b) || a.localeCompare(b))
    .map((key) => `${escapeHtml(titleCase(key))} ${assessment.scores[key]}`)
    .join(" · ");
  const rating = overall === undefined ? "" : `<strong>Rating: ${overall}/ ${max}</strong>`;
  return `<p>${rating}${rubric.length > 0 ? `<br><span class="small">${rubric}</span>` : ""}</p>`;
}

function renderAssessments(assessments: readonly ItemAssessment[]): string {
  if (assessments.length === 0) return "";
  const blocks = assessments.map(
    (assessment) => `<h3>${escapeHtml(assessment.judge)}</h3>
${assessment.text === undefined ? "" : `<div class="assessment">${escapeHtml(assessment.text)}</div>`}
${renderRubric(assessment)}
${assessment.createdAt === undefined ? "" : `<p class="small muted">Generated ${escapeHtml(formatDisplayDate(assessment.createdAt))}</p>`}`,
  );
  return `<h2>Pointwise Assessments</h2>\n<p class="muted">(${assessments.length} ${assessments.length === 1 ? "judge" : "judges"})</p>\n${blocks.join("\n")}`;
}

function renderHistoryEntry(entry: HistoryEntry, linkFor: (id: string) => string | undefined): string {
  const href = linkFor(entry.opponentId);
  const opponent = escapeHtml(entry.opponentTitle);
  const outcomeText = { win: "won", loss: "lost", tie: "tie", invalid: "no verdict" }[entry.outcome];
  const order = entry.orderKnown ? (entry.shownFirst ? "shown first" : "shown second") : "order not recorded";
  const date = entry.createdAt === undefined ? "" : ` · ${escapeHtml(formatDisplayDate(entry.createdAt))}`;
  return `<div class="history-entry">
<div>vs. ${href === undefined ? opponent : `<a href="${escapeHtml(href)}">${opponent}</a>`} <span class="outcome-${entry.outcome}">${outcomeText}</span></div>
<div class="meta">${escapeHtml(entry.judge)}${date} · ${order}</div>
${entry.rationale === undefined ? "" : `<p>${escapeHtml(entry.rationale)}</p>`}
</div>`;
}

/** Options of {@link renderItemPageHtml}. */
export interface ItemPageHtmlOptions {
  readonly page: ItemPage;
  readonly itemNoun: string;
  /** Relative link to another item's page, when it has one. */
  readonly linkFor: (id: string) => string | undefined;
  /** Relative link back to the report. */
  readonly reportHref: string;
  /** History entries shown at most (newest first); default 200. */
  readonly maxHistory?: number;
}

/**
 * A per-item tournament page in the seed system's layout: title, byline, "#k of N · category", tournament
 * score ± interval with the category's range, win rate, wins, losses, matches, the text, pointwise
 * assessments, and the comparison history (opponent, judge, date, who was shown first, rationale).
 */
export function renderItemPageHtml(options: ItemPageHtmlOptions): string {
  const { page } = options;
  const standing = page.standing;
  const rankLine =
    standing.categoryRank === undefined
      ? standing.category === undefined
        ? ""
        : escapeHtml(standing.category)
      : `#${standing.categoryRank.rank} of ${standing.categoryRank.of}${standing.category === undefined ? "" : ` · ${escapeHtml(standing.category)}`} <span class="muted small">by ${standing.categoryRank.by}${
          standing.categoryRankByRating === undefined || standing.categoryRank.by === "BT rating"
            ? ""
            : `; #${standing.categoryRankByRating.rank} of ${standing.categoryRankByRating.of} by BT rating`
        }</span>`;
  const maxHistory = options.maxHistory ?? 200;
  const history = page.history.slice(0, maxHistory);
  const more =
    page.history.length > history.length
      ? `<p class="muted small">${page.history.length - history.length} older comparisons not shown.</p>`
      : "";
  const body = `<p class="small"><a href="${escapeHtml(options.reportHref)}">← back to the report</a></p>
<h1>${escapeHtml(standing.title)}</h1>
${page.byline === undefined ? "" : `<p class="muted">${escapeHtml(page.byline)}</p>`}
<p><strong>${rankLine}</strong></p>
${page.decision === undefined ? "" : `<p class="small">Decision: <strong>${escapeHtml(page.decision)}</strong></p>`}
${renderScoreBlock(page)}
${renderPublished(page)}
${page.text === undefined ? "" : `<h2>Abstract</h2>\n<p>${escapeHtml(page.text)}</p>`}
${renderAssessments(standing.assessments)}
<h2>Comparison History (${page.history.length})</h2>
${history.map((entry) => renderHistoryEntry(entry, options.linkFor)).join("\n")}
${more}`;
  return renderHtmlPage({ title: standing.title, body });
}
