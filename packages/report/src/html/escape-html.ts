const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values. Every string that comes from a dataset
 * (titles, rationales, judge ids, categories) goes through this before it reaches a page.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/**
 * Escapes text for Markdown: `&`, `<` and `>` become entities (Markdown renderers pass raw HTML through), and
 * Markdown punctuation that would start emphasis, code, a link, a heading or a table cell is backslashed.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[&<>]/g, (character) => HTML_ESCAPES[character] ?? character)
    .replace(/([\\`*_[\]|#])/g, "\\$1");
}
