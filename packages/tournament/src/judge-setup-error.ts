/** Raised when a judge cannot be built (missing key, items without latent quality); the message says what to do. */
export class JudgeSetupError extends Error {
  override readonly name = "JudgeSetupError";
}
