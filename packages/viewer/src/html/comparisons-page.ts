import type { ComparisonQuery } from "../model/filter-comparisons.js";
import { filterComparisons } from "../model/filter-comparisons.js";
import type { ViewData } from "../model/view-data.js";
import { renderComparisonCard } from "./comparison-card.js";
import { esc, href, select } from "./html-text.js";

/** Comparisons per page of the browser. */
export const COMPARISON_PAGE_SIZE = 25;

function queryParameters(query: ComparisonQuery) {
  return {
    judge: query.judge,
    with: query.withJudge,
    item: query.item,
    category: query.category,
    verdict: query.verdict,
    condition: query.condition,
    disagree: query.judgesDisagree,
    flips: query.flipsWhenSwapped,
    reference: query.disagreesWithReference,
    q: query.text,
  };
}

/** The comparison browser: filters (GET form), the count, one page of comparison cards and paging links. */
export function renderComparisons(data: ViewData, query: ComparisonQuery, page: number): string {
  const started = performance.now();
  const result = filterComparisons(data, query, { page, pageSize: COMPARISON_PAGE_SIZE });
  const milliseconds = performance.now() - started;
  const { table } = data;
  const checkbox = (name: string, checked: boolean | undefined, label: string) =>
    `<label><input type="checkbox" name="${name}" value="1"${checked === true ? " checked" : ""}> ${label}</label>`;
  const form = `<form method="get" action="/comparisons" class="controls">
<label>judge ${select("judge", [["", "any"], ...table.judgeIds.map((id) => [id, id] as const)], query.judge)}</label>
${query.withJudge === undefined ? "" : `<label>and judge ${select("with", [["", "–"], ...table.judgeIds.map((id) => [id, id] as const)], query.withJudge)}</label>`}
<label>item <input name="item" value="${esc(query.item ?? "")}" placeholder="item id" size="14"></label>
<label>category ${select("category", [["", "any"], ...data.categories.map((c) => [c, c] as const)], query.category)}</label>
<label>verdict ${select("verdict", [["", "any"], "first", "second", "tie", "invalid"], query.verdict)}</label>
${table.conditionIds.length > 0 ? `<label>condition ${select("condition", [["", "any"], ...table.conditionIds.map((c) => [c, c] as const)], query.condition)}</label>` : ""}
${checkbox("disagree", query.judgesDisagree, "judges disagree")}
${checkbox("flips", query.flipsWhenSwapped, "flips when order swapped")}
${checkbox("reference", query.disagreesWithReference, `disagrees with reference${data.flags.referenced === 0 ? " (no reference)" : ""}`)}
<label>search <input type="search" name="q" value="${esc(query.text ?? "")}" placeholder="titles and rationales"></label>
<button type="submit">filter</button>
</form>`;
  const pages = Math.max(1, Math.ceil(result.total / COMPARISON_PAGE_SIZE));
  const link = (target: number, label: string) =>
    `<a href="${href("/comparisons", { ...queryParameters(query), page: target === 0 ? undefined : target })}">${label}</a>`;
  const pager = `<p class="pager">${page > 0 ? link(page - 1, "← previous") : ""} page ${Math.min(page + 1, pages)} of ${pages} ${
    page + 1 < pages ? link(page + 1, "next →") : ""
  }</p>`;
  const cards = result.rows.map((row) => renderComparisonCard(data, row)).join("\n");
  return `<h1>Comparisons</h1>
${form}
<p id="match-count"><strong>${result.total.toLocaleString("en-US")}</strong> of ${table.size.toLocaleString("en-US")} comparisons match <span class="muted">(filtered in ${milliseconds.toFixed(0)} ms)</span></p>
${pager}
<div class="cards">${cards === "" ? '<p class="muted">Nothing matches these filters.</p>' : cards}</div>
${pager}`;
}

/** Reads the browser's filters from URL parameters (unknown verdicts are ignored). */
export function comparisonQueryFrom(parameters: URLSearchParams): ComparisonQuery {
  const text = (name: string) => {
    const value = parameters.get(name);
    return value === null || value === "" ? undefined : value;
  };
  const flag = (name: string) => parameters.get(name) === "1" || undefined;
  const verdict = text("verdict");
  return {
    judge: text("judge"),
    withJudge: text("with"),
    item: text("item"),
    category: text("category"),
    verdict:
      verdict === "first" || verdict === "second" || verdict === "tie" || verdict === "invalid" ? verdict : undefined,
    condition: text("condition"),
    judgesDisagree: flag("disagree"),
    flipsWhenSwapped: flag("flips"),
    disagreesWithReference: flag("reference"),
    text: text("q"),
  };
}
