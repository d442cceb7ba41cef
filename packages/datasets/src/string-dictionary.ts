const EMPTY = -1;

/**
 * FNV-1a hash of a string's UTF-16 code units (32-bit, as a signed int).
 * http://www.isthe.com/chongo/tech/comp/fnv/ — simple and fast on short ids.
 */
export function hashString(value: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let index = 0; index < value.length; index++) hash = Math.imul(hash ^ value.charCodeAt(index), 0x01000193);
  return hash;
}

/**
 * A dictionary encoder: assigns consecutive Int32 codes to distinct strings, in order of first appearance.
 *
 * An open-addressing hash table over typed arrays instead of a `Map`: with a million fresh strings per
 * file (ids, match ids), `Map` spends several times longer (rehashing and garbage collection of its large
 * backing stores) than this table, whose only per-entry heap object is the string itself.
 */
export class StringDictionary {
  readonly values: string[] = [];
  /** Open-addressing table of (code, hash) pairs: code at 2·slot (-1 = empty), hash at 2·slot + 1. */
  private table = new Int32Array(64).fill(EMPTY);
  private mask = 31;

  constructor(initial: Iterable<string> = []) {
    for (const value of initial) this.encode(value);
  }

  /** Number of distinct strings. */
  get size(): number {
    return this.values.length;
  }

  /** The code of `value`, adding it when new (then the code equals the previous `size`). */
  encode(value: string): number {
    const hash = hashString(value);
    const slot = this.findSlot(value, hash);
    const found = this.table[2 * slot]!;
    if (found !== EMPTY) return found;
    const code = this.values.length;
    this.values.push(value);
    this.table[2 * slot] = code;
    this.table[2 * slot + 1] = hash;
    if (code * 2 >= this.mask) this.grow();
    return code;
  }

  /** The code of `value`, or -1 when absent (never adds). */
  lookup(value: string): number {
    return this.table[2 * this.findSlot(value, hashString(value))]!;
  }

  /** The slot holding `value`, or the empty slot where it would go (linear probing). */
  private findSlot(value: string, hash: number): number {
    const table = this.table;
    let slot = hash & this.mask;
    for (;;) {
      const code = table[2 * slot]!;
      if (code === EMPTY || (table[2 * slot + 1] === hash && this.values[code] === value)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** True when `value` has a code. */
  has(value: string): boolean {
    return this.lookup(value) !== EMPTY;
  }

  /** Code of an optional value: -1 when undefined. */
  encodeOptional(value: string | undefined): number {
    return value === undefined ? EMPTY : this.encode(value);
  }

  /** Doubles the table (keeping the load factor at most 1/2, so probes stay short). */
  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    const table = new Int32Array(2 * slots).fill(EMPTY);
    const mask = slots - 1;
    for (let oldSlot = 0; oldSlot < old.length; oldSlot += 2) {
      const code = old[oldSlot]!;
      if (code === EMPTY) continue;
      const hash = old[oldSlot + 1]!;
      let slot = hash & mask;
      while (table[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
      table[2 * slot] = code;
      table[2 * slot + 1] = hash;
    }
    this.table = table;
    this.mask = mask;
  }
}
