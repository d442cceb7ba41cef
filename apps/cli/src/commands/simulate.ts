import { type Command, UsageError } from "../cli-io.js";

/** `judgelab simulate`: not implemented yet. */
export const simulateCommand: Command = async () => {
  throw new UsageError("the simulate command is not implemented yet");
};
