/** Why a plan cannot be made: bad assumptions or targets, or a pilot dataset too small to estimate from. */
export type PlanErrorCode = "invalid-option" | "invalid-target" | "pilot-too-small";

/** A plan input error with a closed set of codes (the CLI maps every one of them to exit 2). */
export class PlanError extends RangeError {
  override readonly name: string = "PlanError";
  readonly code: PlanErrorCode;

  constructor(code: PlanErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
