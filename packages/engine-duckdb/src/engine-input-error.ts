/**
 * Input the DuckDB engine cannot use: a file it cannot read, a comparison with a missing or invalid field, an
 * unknown item. The message names the file, the row and the field, and what to do.
 */
export class EngineInputError extends Error {
  override readonly name = "EngineInputError";
}
