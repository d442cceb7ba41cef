import type { MetricsDocument, Proportion, Statistic } from "@judgelab/analytics";
import { buildAgreementChart, buildPositionBiasChart } from "@judgelab/report";
import { chartBlock, esc, href, num, pct } from "./html-text.js";

function proportion(value: Proportion | undefined): string {
  if (value === undefined || value.value === null) return "–";
  const interval = value.ci === undefined ? "" : ` [${pct(value.ci.lower)}, ${pct(value.ci.upper)}]`;
  return `${pct(value.value)}${interval} <span class="muted">n=${value.n}</span>`;
}

function statistic(value: Statistic | undefined, digits = 2): string {
  if (value === undefined || value.value === null) return "–";
  const interval = value.ci === undefined ? "" : ` [${num(value.ci.lower, digits)}, ${num(value.ci.upper, digits)}]`;
  return `${num(value.value, digits)}${interval}`;
}

/**
 * Judges: the agreement matrix (Cohen's κ and raw agreement; each cell links to the comparisons behind it and to
 * the ones where the pair disagrees), agreement with the reference, position bias with both-order consistency
 * (linking to the flips), and leniency. Figures are @judgelab/analytics' metrics document, charts the report's.
 */
export function renderJudges(metrics: MetricsDocument | undefined): string {
  if (metrics === undefined)
    return '<h1>Judges</h1><div class="notice" data-pending-board="1" role="status"><p>The judge analytics (agreement, position bias, leniency with bootstrap intervals) are being computed on a worker thread; this page replaces itself when they are ready.</p></div>';
  const parts: string[] = [
    `<h1>Judges</h1><p class="muted">@judgelab/analytics, seed ${metrics.options.seed}, ${metrics.options.bootstrapRounds} bootstrap resamples over match units.</p>`,
  ];
  const agreement = metrics.agreement;
  if (!agreement.available) parts.push(`<h2>Agreement</h2><p class="muted">${esc(agreement.reason)}</p>`);
  else {
    const { judges, kappa, agreementWithTies, n } = agreement.matrix;
    const header = `<tr><th></th>${judges.map((judge) => `<th>${esc(judge)}</th>`).join("")}</tr>`;
    const body = judges
      .map((a, i) => {
        const cells = judges
          .map((b, j) => {
            if (i === j) return '<td class="muted">–</td>';
            const units = n[i]?.[j] ?? 0;
            if (units === 0) return '<td class="muted">no shared match</td>';
            return `<td class="cell"><a href="${href("/comparisons", { judge: a, with: b })}" data-cell="${esc(`${a}|${b}`)}">κ ${num(kappa[i]?.[j], 2)}<br>${pct(agreementWithTies[i]?.[j])} agree<br><span class="muted">${units} matches</span></a><br><a class="small" href="${href("/comparisons", { judge: a, with: b, disagree: true })}">disagreements</a></td>`;
          })
          .join("");
        return `<tr><th>${esc(a)}</th>${cells}</tr>`;
      })
      .join("\n");
    parts.push(`<h2>Agreement matrix</h2><p class="muted">Cohen's κ on per-match modal labels, and raw agreement (MT-Bench S1, ties a label). Click a cell for the comparisons behind it.</p>
<table class="matrix"><thead>${header}</thead><tbody>${body}</tbody></table>`);
    if (judges.length >= 2) {
      parts.push(
        chartBlock(
          "chart-agreement",
          buildAgreementChart({
            matrix: {
              labels: judges,
              values: kappa.map((row) => row.map((value) => value ?? Number.NaN)),
            },
            metricLabel: "Cohen's κ",
            minimum: -1,
          }),
        ),
      );
    }
    if (agreement.panel.available) {
      parts.push(
        `<p>Panel: Fleiss κ ${statistic(agreement.panel.fleissKappa)}, percent agreement ${statistic(agreement.panel.percentAgreement)} over ${agreement.panel.units} matches.</p>`,
      );
    }
    if (agreement.gold.available) {
      const rows = agreement.gold.perJudge
        .map(
          (row) =>
            `<tr><td>${esc(row.judge)}</td><td>${proportion(row.accuracy)}</td><td>${statistic(row.accuracyAveraged)}</td><td><a href="${href("/comparisons", { judge: row.judge, reference: true })}">disagreements</a></td></tr>`,
        )
        .join("");
      parts.push(`<h2>Agreement with the reference</h2><p class="muted">labels from ${esc(agreement.gold.source)}</p>
<table><thead><tr><th>judge</th><th>accuracy</th><th>averaged over both orders</th><th></th></tr></thead><tbody>${rows}</tbody></table>`);
    }
  }
  const bias = metrics.positionBias;
  if (!bias.available) parts.push(`<h2>Position bias</h2><p class="muted">${esc(bias.reason)}</p>`);
  else {
    const rows = bias.perJudge
      .map((row) => {
        const both = row.bothOrders;
        return `<tr><td>${esc(row.judge)}</td><td>${proportion(row.firstWinRate)}</td><td>${row.binomialPValue === null ? "–" : row.binomialPValue < 0.001 ? "&lt; 0.001" : num(row.binomialPValue, 3)}</td><td>${both.available ? proportion(both.consistency) : `<span class="muted">${esc(both.reason)}</span>`}</td><td>${both.available ? `<a href="${href("/comparisons", { judge: row.judge, flips: true })}">flips</a>` : ""}</td></tr>`;
      })
      .join("\n");
    parts.push(`<h2>Position bias</h2><p class="muted">First-position win rate on decided comparisons with a known order (Wilson 95% interval; 50% is fair), exact binomial test, and both-order consistency (same winner when the order is swapped).</p>
<table><thead><tr><th>judge</th><th>first-position win rate</th><th>p</th><th>both-order consistency</th><th></th></tr></thead><tbody>${rows}</tbody></table>`);
    const drawable = bias.perJudge.filter(
      (row) => row.firstWinRate.value !== null && row.firstWinRate.ci !== undefined,
    );
    if (drawable.length > 0) {
      parts.push(
        chartBlock(
          "chart-position-bias",
          buildPositionBiasChart({
            judges: drawable.map((row) => ({
              judge: row.judge,
              firstWinRate: row.firstWinRate.value!,
              lower: row.firstWinRate.ci!.lower,
              upper: row.firstWinRate.ci!.upper,
              comparisons: row.firstWinRate.n,
            })),
            intervalLabel: "Wilson 95% interval",
          }),
        ),
      );
    }
  }
  const biases = metrics.biases;
  if (biases.available && biases.leniency.available) {
    const rows = biases.leniency.perJudge
      .map((row) => `<tr><td>${esc(row.judge)}</td><td>${statistic(row.mean)}</td><td>${num(row.sd, 2)}</td></tr>`)
      .join("");
    parts.push(`<h2>Leniency</h2><p class="muted">Mean pointwise score per assessing judge.</p>
<table><thead><tr><th>judge</th><th>mean score</th><th>sd</th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  return parts.join("\n");
}
