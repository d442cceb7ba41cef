/** A dictionary encoder: assigns consecutive Int32 codes to distinct strings, in order of first appearance. */
export class StringDictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  constructor(initial: Iterable<string> = []) {
    for (const value of initial) this.encode(value);
  }

  /** The code of `value`, adding it when new. */
  encode(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** The code of `value`, or -1 when absent (never adds). */
  lookup(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  /** Code of an optional value: -1 when undefined. */
  encodeOptional(value: string | undefined): number {
    return value === undefined ? -1 : this.encode(value);
  }

  get size(): number {
    return this.values.length;
  }
}
