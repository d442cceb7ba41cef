/**
 * JSON objects embedded in model output, in order of appearance: the whole text when it is JSON, the contents of
 * Markdown code fences (```json … ```), and every balanced `{…}` span in prose that parses as a JSON object.
 * Braces inside JSON strings are respected. Spans that do not parse are skipped.
 */
export function extractJsonObjects(text: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const add = (candidate: string): void => {
    const trimmed = candidate.trim();
    if (!trimmed.startsWith("{") || seen.has(trimmed)) return;
    seen.add(trimmed);
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        found.push(value as Record<string, unknown>);
      }
    } catch {
      // Not JSON: prose that happens to contain braces.
    }
  };
  add(text);
  for (const fence of text.matchAll(/```[ \t]*(?:json|JSON|javascript)?[ \t]*\n([\s\S]*?)```/g)) add(fence[1] ?? "");
  for (const span of balancedBraceSpans(text)) add(span);
  return found;
}

/** Outermost balanced `{…}` spans, skipping braces inside double-quoted strings. */
function balancedBraceSpans(text: string): string[] {
  const spans: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === "\\") index++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"' && depth > 0) inString = true;
    else if (character === "{") {
      if (depth === 0) start = index;
      depth++;
    } else if (character === "}" && depth > 0) {
      depth--;
      if (depth === 0) spans.push(text.slice(start, index + 1));
    }
  }
  return spans;
}
