import { type Command, UsageError } from "../cli-io.js";

/** `judgelab import`: not implemented yet. */
export const importCommand: Command = async () => {
  throw new UsageError("the import command is not implemented yet");
};
