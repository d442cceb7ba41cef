import { createRequire } from "node:module";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CHART_FONT } from "./chart-theme.js";

const require = createRequire(import.meta.url);

/** Folder of the bundled DejaVu TTF fonts (resvg silently drops all text when it finds no font). */
export function bundledFontDirectory(): string {
  return path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
}

/**
 * Rounds the coordinates vega writes with full double precision ("342.53333333333336") to two decimals: a
 * hundredth of a pixel is invisible and the SVG shrinks by about a third. Only numbers inside tags (attribute
 * values) are touched; text content (labels, titles) is left exactly as vega wrote it.
 */
export function roundSvgNumbers(svg: string): string {
  return svg.replace(/<[^>]+>/g, (tag) => tag.replace(/(\d\.\d{2})\d+/g, "$1"));
}

/**
 * Renders a vega-lite spec to an SVG string with vega's headless SVG renderer (no DOM, no canvas).
 * Text from the data is escaped by vega's SVG writer.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile(spec).spec;
  const view = new View(parse(vegaSpec), { renderer: "none", logLevel: 0 });
  try {
    return roundSvgNumbers(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** Options of {@link renderSvgToPng}. */
export interface PngOptions {
  /** Pixel density multiplier; default 1 (the SVG is the sharp version; PNGs stay small). */
  readonly scale?: number;
}

/** Rasterises an SVG to PNG with resvg using only the bundled DejaVu fonts (identical output on every host). */
export function renderSvgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: options.scale ?? 1 },
    font: { loadSystemFonts: false, fontDirs: [bundledFontDirectory()], defaultFontFamily: CHART_FONT },
  });
  return resvg.render().asPng();
}
