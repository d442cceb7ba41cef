import { createRequire } from "node:module";
import { Ajv } from "ajv";
import type { TopLevelSpec } from "vega-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleCharts } from "../test-support/sample-charts.js";
import { wrapSubtitle } from "./chart-theme.js";
import { renderChartSvg, renderSvgToPng, roundSvgNumbers } from "./render-chart.js";

const require = createRequire(import.meta.url);
let validate: (spec: unknown) => boolean;
let lastErrors: () => unknown;

beforeAll(() => {
  const ajv = new Ajv({ allowUnionTypes: true, strict: false, validateFormats: false, logger: false });
  const schema = require("vega-lite/vega-lite-schema.json") as object;
  const compiled = ajv.compile(schema);
  validate = (spec) => compiled(spec) as boolean;
  lastErrors = () => compiled.errors;
});

describe("chart spec builders", () => {
  const charts = sampleCharts();

  it.each(Object.entries(charts))("%s is a valid vega-lite spec", (_name, spec) => {
    const ok = validate(JSON.parse(JSON.stringify(spec)));
    expect(ok, JSON.stringify(lastErrors(), null, 1)).toBe(true);
  });

  it("rejects a broken spec (the validator can fail)", () => {
    const broken = { ...charts.leaderboard, mark: { type: "no-such-mark" } } as unknown as TopLevelSpec;
    expect(validate(broken)).toBe(false);
  });

  it.each(Object.entries(charts))("%s renders to an SVG with text", async (_name, spec) => {
    const svg = await renderChartSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("<text");
    expect(svg).toContain("DejaVu Sans");
  });

  it("renders a PNG whose text is drawn (a chart with titles has more ink than one without)", async () => {
    const svg = await renderChartSvg(charts.positionBias!);
    const png = renderSvgToPng(svg, { scale: 1 });
    expect([...png.slice(1, 4)].map((byte) => String.fromCharCode(byte)).join("")).toBe("PNG");
    const withoutText = renderSvgToPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ""), { scale: 1 });
    expect(png.length).toBeGreaterThan(withoutText.length * 1.2);
  });

  it("escapes markup in labels inside the SVG", async () => {
    const svg = await renderChartSvg(sampleCharts({ hostileLabel: true }).leaderboard!);
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script");
  });
});

describe("roundSvgNumbers", () => {
  it("rounds coordinates in tags but never text content", () => {
    const svg = '<g transform="translate(342.53333333333336,8)"><text x="1.005">p = 0.00041 and 3.14159</text></g>';
    expect(roundSvgNumbers(svg)).toBe(
      '<g transform="translate(342.53,8)"><text x="1.00">p = 0.00041 and 3.14159</text></g>',
    );
  });
});

describe("wrapSubtitle", () => {
  it("keeps short subtitles and breaks long ones at separators into lines of at most 64 characters", () => {
    expect(wrapSubtitle("95% CI · top 10")).toBe("95% CI · top 10");
    const lines = wrapSubtitle(
      "95% bootstrap CI (1000 resamples) · top 6 of each category, numbered within it; categories never met, so compare within one only",
    );
    expect(lines).toEqual([
      "95% bootstrap CI (1000 resamples)",
      "top 6 of each category, numbered within it",
      "categories never met, so compare within one only",
    ]);
  });
});
