import { type Command, UsageError } from "../cli-io.js";

/** `judgelab run`: not implemented yet. */
export const runCommand: Command = async () => {
  throw new UsageError("the run command is not implemented yet");
};
