/** The folder cannot be viewed (not a dataset or run folder, invalid records): the CLI exits 2 with the message. */
export class ViewerInputError extends Error {
  override readonly name = "ViewerInputError";
}
