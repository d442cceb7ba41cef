import { type Command, UsageError } from "../cli-io.js";

/** `judgelab report`: not implemented yet. */
export const reportCommand: Command = async () => {
  throw new UsageError("the report command is not implemented yet");
};
