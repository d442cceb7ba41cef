import { type Command, UsageError } from "../cli-io.js";

/** `judgelab validate`: not implemented yet. */
export const validateCommand: Command = async () => {
  throw new UsageError("the validate command is not implemented yet");
};
