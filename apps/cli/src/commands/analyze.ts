import { type Command, UsageError } from "../cli-io.js";

/** `judgelab analyze`: not implemented yet. */
export const analyzeCommand: Command = async () => {
  throw new UsageError("the analyze command is not implemented yet");
};
