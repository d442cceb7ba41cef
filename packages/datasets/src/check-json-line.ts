/** A problem `JSON.parse` lets through: a repeated key (the last silently wins) or a number too large to represent. */
export interface JsonLineProblem {
  /** Dotted path of the field (`usage.costUsd`), or `(line)` for the whole line. */
  readonly field: string;
  readonly message: string;
}

/**
 * What `JSON.parse(text)` silently accepted in `value`: a duplicate key in an object (JSON.parse keeps the last)
 * or a non-finite number (`1e999` parses to Infinity). Fast on ordinary lines: one allocation-free walk over the
 * parsed value (counting keys, checking numbers) and a count of `":` in the text; only when the counts disagree (a
 * duplicate, or `":` inside a string value) or a colon follows whitespace is the text scanned key by key.
 */
export function checkJsonLine(text: string, value: unknown): JsonLineProblem | undefined {
  const keys = countKeys(value);
  if (keys < 0) {
    return {
      field: nonFinitePath(value, "") ?? "(line)",
      message: "is a number too large to represent (not finite); not accepted",
    };
  }
  // Each key is a string followed by a colon, `":` when compact. A colon after whitespace may be a spaced-out key
  // (then the count is no proof), and `":` inside a string value adds to the count: both take the slow path.
  let tokens = 0;
  let spaced = false;
  for (let index = text.indexOf(":"); index !== -1; index = text.indexOf(":", index + 1)) {
    const before = text.charCodeAt(index - 1);
    if (before === 0x22) tokens++;
    else if (before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d) spaced = true;
  }
  if (tokens === keys && !spaced) return undefined;
  const duplicate = findDuplicateKey(text);
  if (duplicate === undefined) return undefined;
  return {
    field: duplicate.path === "" ? duplicate.key : `${duplicate.path}.${duplicate.key}`,
    message: `duplicate key ${JSON.stringify(duplicate.key)} in one object (JSON would silently keep the last)`,
  };
}

/** Keys of all objects in `value`, or -1 when it holds a non-finite number. Allocation-free. */
function countKeys(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? 0 : -1;
  if (value === null || typeof value !== "object") return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const inner = countKeys(value[index]);
      if (inner < 0) return -1;
      count += inner;
    }
    return count;
  }
  for (const key in value as Record<string, unknown>) {
    const inner = countKeys((value as Record<string, unknown>)[key]);
    if (inner < 0) return -1;
    count += inner + 1;
  }
  return count;
}

/** The dotted path of the first non-finite number in `value` (the slow path, run once a line has one). */
function nonFinitePath(value: unknown, path: string): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path === "" ? "(line)" : path;
  if (value === null || typeof value !== "object") return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = nonFinitePath(value[index], `${path}[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key in value as Record<string, unknown>) {
    const found = nonFinitePath((value as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
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
