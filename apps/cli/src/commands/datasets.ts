import { type Command, UsageError } from "../cli-io.js";

/** `judgelab datasets`: not implemented yet. */
export const datasetsCommand: Command = async () => {
  throw new UsageError("the datasets command is not implemented yet");
};
