import type { TopLevelSpec } from "vega-lite";

/** The font every chart uses. It is bundled (dejavu-fonts-ttf) so that PNG rendering never depends on the host. */
export const CHART_FONT = "DejaVu Sans";

/** The vega-lite JSON schema the specs are written against (vega-lite 6). */
export const VEGA_LITE_SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.json";

/** Longest item label shown on an axis; longer titles are cut with an ellipsis. */
export const MAX_LABEL_LENGTH = 44;

/** Shared chart configuration: bundled font, readable axis sizes, white background. */
export const chartConfig = {
  font: CHART_FONT,
  background: "white",
  // No per-mark ARIA descriptions: they repeat every data field in the SVG and triple its size.
  aria: false,
  padding: 8,
  view: { stroke: "#dddddd" },
  title: { fontSize: 14, anchor: "start", subtitleFontSize: 11, subtitleColor: "#555555", offset: 10 },
  // Without a canvas vega estimates text width generously; a limit would cut labels that fit. Labels are
  // shortened in the data instead (shortenLabel).
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0, gridColor: "#eeeeee" },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 260 },
  header: { labelFontSize: 11, titleFontSize: 12 },
} as const;

/** Title block of a chart: a title plus an optional subtitle that says what is shown (and what was capped). */
export interface ChartTitle {
  readonly title: string;
  readonly subtitle?: string | undefined;
}

/** Common top-level fields of every chart spec: schema, title, config. */
export function baseChartSpec(heading: ChartTitle): Pick<TopLevelSpec, "$schema" | "title" | "config"> {
  return {
    $schema: VEGA_LITE_SCHEMA_URL,
    title:
      heading.subtitle === undefined
        ? heading.title
        : { text: heading.title, subtitle: wrapSubtitle(heading.subtitle) },
    config: chartConfig,
  };
}

/** Longest subtitle line; vega sizes the chart to its (generously estimated) text width. */
const MAX_SUBTITLE_LINE = 64;

/**
 * Breaks a long subtitle into lines at " · " (then at "; ") so that it never makes a chart wider than its plot:
 * without a canvas vega estimates text widths generously and sizes the whole chart to the widest line.
 */
export function wrapSubtitle(subtitle: string): string | string[] {
  if (subtitle.length <= MAX_SUBTITLE_LINE) return subtitle;
  const parts = subtitle.split(" · ").flatMap((part) => (part.length <= MAX_SUBTITLE_LINE ? [part] : part.split("; ")));
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + part.length + 3 <= MAX_SUBTITLE_LINE)
      lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(part);
  }
  return lines;
}

/** Shortens a label to {@link MAX_LABEL_LENGTH} characters with an ellipsis. */
export function shortenLabel(label: string, maxLength = MAX_LABEL_LENGTH): string {
  const trimmed = label.replace(/\s+/g, " ").trim();
  return trimmed.length <= maxLength ? trimmed : `${trimmed.slice(0, maxLength - 1).trimEnd()}…`;
}

/** "top 30 of 512" when a chart shows fewer rows than there are, else undefined. */
export function capNote(shown: number, total: number, noun: string): string | undefined {
  return shown < total ? `showing the top ${shown} of ${total} ${noun}` : undefined;
}

/** Joins the non-empty parts of a subtitle with " · ". */
export function joinSubtitle(...parts: readonly (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part.length > 0);
  return present.length === 0 ? undefined : present.join(" · ");
}
