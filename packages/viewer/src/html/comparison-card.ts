import { rowsOf } from "../model/group-rows.js";
import { RowFlag } from "../model/row-flags.js";
import type { ViewData } from "../model/view-data.js";
import { esc, href, num } from "./html-text.js";

const VERDICT_NAMES = ["first", "second", "tie", "invalid"] as const;

function itemLink(data: ViewData, code: number): string {
  const item = data.items[code];
  if (item === undefined) return "?";
  return `<a href="${href(`/item/${encodeURIComponent(item.id)}`)}">${esc(item.title)}</a>`;
}

/** "A beat B", "A tied B" or "invalid", in item terms, for the other judgments of a match. */
function outcomeText(data: ViewData, row: number): string {
  const { table } = data;
  const verdict = table.verdict[row]!;
  const first = data.items[table.first[row]!]?.title ?? "?";
  const second = data.items[table.second[row]!]?.title ?? "?";
  if (verdict === 2) return `tie (${esc(first)} shown first)`;
  if (verdict > 2) return "invalid";
  const [winner, loser] = verdict === 0 ? [first, second] : [second, first];
  return `${esc(winner)} over ${esc(loser)} (${verdict === 0 ? "first" : "second"} shown won)`;
}

function usageText(data: ViewData, row: number): string {
  const { store } = data;
  const parts: string[] = [];
  const input = store.inputTokens[row]!;
  const output = store.outputTokens[row]!;
  const cost = store.costUsd[row]!;
  if (!Number.isNaN(input)) parts.push(`${num(input)} input tokens`);
  if (!Number.isNaN(output)) parts.push(`${num(output)} output tokens`);
  if (!Number.isNaN(cost)) parts.push(`$${cost.toFixed(cost < 0.01 ? 5 : 4)}`);
  return parts.length === 0 ? "no usage recorded" : parts.join(" · ");
}

/**
 * One comparison: both items in presented order, the verdict, the rationale, cost and tokens, the raw response and
 * the other judgments of the same match. Every dataset string is escaped.
 */
export function renderComparisonCard(data: ViewData, row: number, options: { open?: boolean } = {}): string {
  const { table } = data;
  const record = data.store.record(row);
  const verdict = table.verdict[row]!;
  const flags = data.flags.flags[row]!;
  const badges = [
    flags & RowFlag.judgesDisagree ? '<span class="badge">judges disagree</span>' : "",
    flags & RowFlag.flipsWhenSwapped ? '<span class="badge">flips when order swapped</span>' : "",
    flags & RowFlag.disagreesWithReference ? '<span class="badge warn">disagrees with reference</span>' : "",
  ].join("");
  const winnerClass = (position: number) => (verdict === position ? ' class="winner"' : "");
  const others = Array.from(rowsOf(data.rowsByGroup, data.flags.group[row]!)).filter((other) => other !== row);
  const matchLabel = record.prompt === undefined ? "pair" : `pair on prompt ${record.prompt}`;
  const otherList =
    others.length === 0
      ? '<p class="muted">no other judgment of this match</p>'
      : `<ul>${others
          .slice(0, 50)
          .map(
            (other) =>
              `<li><a href="${href(`/comparison/${other}`)}">${esc(table.judgeIds[table.judge[other]!] ?? "?")}</a>${
                table.match[other]! >= 0
                  ? ` <span class="muted">(match ${esc(table.matchIds[table.match[other]!] ?? "")})</span>`
                  : ""
              }: ${outcomeText(data, other)}</li>`,
          )
          .join("")}${others.length > 50 ? `<li>… ${others.length - 50} more</li>` : ""}</ul>`;
  const raw = record.raw === undefined ? "" : JSON.stringify(record.raw, null, 2);
  const condition = table.condition[row]!;
  const meta = [
    `judge <a href="${href("/comparisons", { judge: table.judgeIds[table.judge[row]!] })}">${esc(table.judgeIds[table.judge[row]!] ?? "?")}</a>`,
    `order ${table.orderKnown[row] === 1 ? "known" : "unknown"}`,
    condition >= 0 ? `condition ${esc(table.conditionIds[condition] ?? "")}` : "",
    record.prompt === undefined ? "" : `prompt ${esc(record.prompt)}`,
    record.repetition === undefined ? "" : `repetition ${record.repetition}`,
    record.createdAt === undefined ? "" : esc(record.createdAt),
  ].filter((part) => part !== "");
  return `<article class="comparison" data-row="${row}">
<h3><a href="${href(`/comparison/${row}`)}">${esc(record.id)}</a> ${badges}</h3>
<p class="muted">${meta.join(" · ")}</p>
<ol class="pair">
<li${winnerClass(0)}><span class="muted">shown first:</span> ${itemLink(data, table.first[row]!)}</li>
<li${winnerClass(1)}><span class="muted">shown second:</span> ${itemLink(data, table.second[row]!)}</li>
</ol>
<p><strong>verdict: ${VERDICT_NAMES[verdict] ?? "?"}${record.strength === undefined ? "" : ` (${esc(record.strength)})`}</strong> · ${esc(usageText(data, row))}</p>
${record.rationale === undefined ? "" : `<blockquote class="rationale">${esc(record.rationale)}</blockquote>`}
<p class="muted">${record.matchId === undefined ? "no matchId" : `match ${esc(record.matchId)}`}</p>
<details${options.open === true ? " open" : ""}><summary>other judgments of the same ${esc(matchLabel)} (${others.length})</summary>${otherList}</details>
${raw === "" ? "" : `<details${options.open === true ? " open" : ""}><summary>raw response</summary><pre class="raw">${esc(raw)}</pre></details>`}
</article>`;
}
