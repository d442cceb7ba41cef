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
 * Escapes text for Markdown: HTML-significant characters become entities (Markdown renderers pass raw HTML
 * through) and Markdown punctuation that would change the structure of a table cell or a line is backslashed.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text.replace(/\s+/g, " ").trim()).replace(/([\\`*_[\]|#])/g, "\\$1");
}
