import { escapeHtml } from "@judgelab/report";

/** Escapes dataset text for HTML (re-exported so every page escapes through one function). */
export const esc = escapeHtml;

/** A fixed-point number, or "–" for null/NaN. */
export function num(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits);
}

/** A share as a percentage, or "–". */
export function pct(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "–" : `${(100 * value).toFixed(digits)}%`;
}

/** A query string from parameters, leaving out empty values; values are URL-encoded (then HTML-escaped by callers). */
export function queryString(parameters: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value === undefined || value === "" || value === false) continue;
    search.set(key, value === true ? "1" : String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** `href` attribute value of a viewer link (escaped). */
export function href(path: string, parameters: Readonly<Record<string, string | number | boolean | undefined>> = {}) {
  return esc(`${path}${queryString(parameters)}`);
}

/** A `<select>` with the current value selected; labels and values escaped. */
export function select(
  name: string,
  options: readonly (string | readonly [value: string, label: string])[],
  current: string | undefined,
): string {
  const body = options
    .map((option) => {
      const [value, label] = typeof option === "string" ? [option, option] : option;
      return `<option value="${esc(value)}"${value === (current ?? "") ? " selected" : ""}>${esc(label)}</option>`;
    })
    .join("");
  return `<select name="${esc(name)}" data-autosubmit>${body}</select>`;
}

/**
 * A vega-lite spec for the client to embed with vega-embed: a JSON data block (not executed; `<` escaped so no
 * string in the spec can close the element) next to the element the chart goes into.
 */
export function chartBlock(id: string, spec: unknown): string {
  const json = JSON.stringify(spec).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  return `<div class="chart" data-chart="${esc(id)}"></div><script type="application/json" id="${esc(id)}">${json}</script>`;
}
