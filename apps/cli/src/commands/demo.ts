import { type Command, UsageError } from "../cli-io.js";

/** `judgelab demo`: not implemented yet. */
export const demoCommand: Command = async () => {
  throw new UsageError("the demo command is not implemented yet");
};
