/**
 * A set of 64-bit string hashes in typed arrays, for finding duplicate ids among millions of rows in little
 * memory: 8 bytes per slot, open addressing with linear probing, grown ×2 at load 3/4, so 10.7–21.3 bytes per id
 * (a `Set` of the id strings costs 60–120). Equal hashes are only candidates: the caller confirms them on the ids
 * themselves (a second pass), so a collision (probability ≈ n²/2⁶⁵, 5·10⁻⁷ at 4 million ids) costs time, never a
 * wrong report.
 */
export class IdHashSet {
  private high: Uint32Array;
  private low: Uint32Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.high.byteLength + this.low.byteLength;
  }

  /**
   * Adds the 64-bit hash (`high`, `low`); returns false when it was already there. The pair (0, 0) is the empty
   * slot marker, so it is stored as (0, 1).
   */
  add(high: number, low: number): boolean {
    high >>>= 0;
    low >>>= 0;
    if (high === 0 && low === 0) low = 1;
    if ((this.count + 1) * 4 > this.high.length * 3) this.grow();
    const mask = this.high.length - 1;
    let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask;
    for (;;) {
      const h = this.high[slot]!;
      const l = this.low[slot]!;
      if (h === 0 && l === 0) {
        this.high[slot] = high;
        this.low[slot] = low;
        this.count++;
        return true;
      }
      if (h === high && l === low) return false;
      slot = (slot + 1) & mask;
    }
  }

  /** Adds the hash of `id` (see `hashString64`); returns false when an id with the same hash was added before. */
  addId(id: string): boolean {
    hashInto(id);
    return this.add(scratch[0]!, scratch[1]!);
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(high.length * 2);
    this.count = 0;
    for (let slot = 0; slot < high.length; slot++) {
      if (high[slot] !== 0 || low[slot] !== 0) this.add(high[slot]!, low[slot]!);
    }
  }
}

/**
 * A 64-bit hash of a string as two 32-bit halves: FNV-1a (32-bit) and a multiply-rotate hash with another seed,
 * both over UTF-16 code units. Not cryptographic; see `IdHashSet` for how collisions are handled.
 */
export function hashString64(text: string): [high: number, low: number] {
  hashInto(text);
  return [scratch[0]!, scratch[1]!];
}

const scratch = new Uint32Array(2);

/** `hashString64` into `scratch` (no allocation on the hot path). */
function hashInto(text: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  scratch[0] = a;
  scratch[1] = b;
}
