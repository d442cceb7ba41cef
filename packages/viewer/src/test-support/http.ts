/** GET a viewer URL on 127.0.0.1 and return status, headers and text. */
export async function get(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, init);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The "N of M comparisons match" count of a comparison-browser page. */
export function matchCount(html: string): number {
  const found = /<p id="match-count"><strong>([\d,]+)<\/strong>/.exec(html);
  if (found === null) throw new Error("no match count on the page");
  return Number(found[1]!.replace(/,/g, ""));
}
