import { type Command, UsageError } from "../cli-io.js";

/** `judgelab rate`: not implemented yet. */
export const rateCommand: Command = async () => {
  throw new UsageError("the rate command is not implemented yet");
};
