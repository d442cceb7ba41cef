/** A problem `JSON.parse` lets through: a repeated key (the last silently wins) or a number too large to represent. */
export interface JsonLineProblem {
  /** Dotted path of the field (`usage.costUsd`), or `(line)` for the whole line. */
  readonly field: string;
  readonly message: string;
}

const WHITESPACE_BEFORE_COLON = /"[ \t\r\n]+:/;

/**
 * What `JSON.parse(text)` silently accepted in `value`: a duplicate key in an object (JSON.parse keeps the last)
 * or a non-finite number (`1e999` parses to Infinity). Fast on ordinary lines: one walk over the parsed value
 * (counting keys, checking numbers) and a count of `":` in the text; only when the counts disagree (a duplicate,
 * or `":` inside a string value) is the text scanned key by key.
 */
export function checkJsonLine(text: string, value: unknown): JsonLineProblem | undefined {
  const walk = { keys: 0, nonFinite: undefined as string | undefined };
  walkValue(value, "", walk);
  if (walk.nonFinite !== undefined) {
    return { field: walk.nonFinite, message: "is a number too large to represent (not finite); not accepted" };
  }
  let tokens = 0;
  for (let index = text.indexOf('":'); index !== -1; index = text.indexOf('":', index + 2)) tokens++;
  if (tokens === walk.keys && !WHITESPACE_BEFORE_COLON.test(text)) return undefined;
  const duplicate = findDuplicateKey(text);
  if (duplicate === undefined) return undefined;
  return {
    field: duplicate.path === "" ? duplicate.key : `${duplicate.path}.${duplicate.key}`,
    message: `duplicate key ${JSON.stringify(duplicate.key)} in one object (JSON would silently keep the last)`,
  };
}

function walkValue(value: unknown, path: string, walk: { keys: number; nonFinite: string | undefined }): void {
  if (walk.nonFinite !== undefined) return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) walk.nonFinite = path === "" ? "(line)" : path;
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) walkValue(value[index], `${path}[${index}]`, walk);
    return;
  }
  for (const key in value as Record<string, unknown>) {
    walk.keys++;
    walkValue((value as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`, walk);
  }
}

/**
 * The first key repeated within one object of a JSON text (already known to parse), with the path of that
 * object, by a scan that tracks strings, escapes and nesting.
 */
export function findDuplicateKey(text: string): { key: string; path: string } | undefined {
  /** Per open container: its keys (undefined for arrays) and its path. */
  const stack: { keys: Set<string> | undefined; path: string; lastKey: string }[] = [];
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      // A string: find its end, then decide whether it is a key (followed by a colon inside an object).
      let end = index + 1;
      let escaped = false;
      for (; end < text.length; end++) {
        const c = text.charCodeAt(end);
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) break;
      }
      let next = end + 1;
      while (next < text.length && isSpace(text.charCodeAt(next))) next++;
      const top = stack[stack.length - 1];
      if (top?.keys !== undefined && text.charCodeAt(next) === 0x3a) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (top.keys.has(key)) return { key, path: top.path };
        top.keys.add(key);
        top.lastKey = key;
      }
      index = end + 1;
      continue;
    }
    if (code === 0x7b || code === 0x5b) {
      const parent = stack[stack.length - 1];
      const path =
        parent === undefined
          ? ""
          : parent.keys === undefined
            ? `${parent.path}[]`
            : parent.path === ""
              ? parent.lastKey
              : `${parent.path}.${parent.lastKey}`;
      stack.push({ keys: code === 0x7b ? new Set() : undefined, path, lastKey: "" });
    } else if (code === 0x7d || code === 0x5d) {
      stack.pop();
    }
    index++;
  }
  return undefined;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
