import { isAbsolute, resolve } from "node:path";
import { BUILT_IN_TEMPLATES, type JudgeTemplate, loadJudgeTemplate } from "@judgelab/judges";
import type { TournamentConfig } from "./tournament-config.js";

/** The config's template: a built-in id (`paper-impact`, ...) or a user template file relative to `baseDir`. */
export async function resolveTemplate(config: TournamentConfig, baseDir: string): Promise<JudgeTemplate> {
  if (typeof config.template === "string") {
    const template = BUILT_IN_TEMPLATES[config.template];
    if (template === undefined) {
      throw new Error(
        `template: unknown built-in template "${config.template}"; use one of ${Object.keys(BUILT_IN_TEMPLATES).join(", ")} or {file: path}`,
      );
    }
    return template;
  }
  const file = isAbsolute(config.template.file) ? config.template.file : resolve(baseDir, config.template.file);
  return loadJudgeTemplate(file);
}
