/**
 * An input an importer cannot use: a missing file, a file of the wrong shape, an output folder that already holds
 * a dataset. The message names the file (and line or field where known) and says what to do.
 */
export class ImportInputError extends Error {
  override readonly name = "ImportInputError";
  readonly file: string | undefined;

  constructor(message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.file = options.file;
  }
}
