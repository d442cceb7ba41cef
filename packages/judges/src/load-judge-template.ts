import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { JudgeTemplate } from "./judge-contract.js";
import { defineJudgeTemplate, type JudgeTemplateDefinition, JudgeTemplateError } from "./prompt-template.js";

const answerSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("json"),
    winnerField: z.string().min(1),
    rationaleField: z.string().min(1),
    winnerValues: z.strictObject({ first: z.string().min(1), second: z.string().min(1), tie: z.string().optional() }),
    maxRationaleWords: z.number().int().positive().optional(),
    confidenceField: z.string().min(1).optional(),
  }),
  z.strictObject({ kind: z.literal("text"), allowTies: z.boolean() }),
]);

const definitionSchema = z.strictObject({
  id: z.string().min(1),
  version: z.union([z.string().min(1), z.number()]).transform(String),
  system: z.string().optional(),
  user: z.string().min(1),
  labels: z.strictObject({ first: z.string().min(1), second: z.string().min(1) }).default({ first: "A", second: "B" }),
  answer: answerSchema.default({ kind: "text", allowTies: true }),
  maxItemChars: z.number().int().positive().optional(),
  maxAssessmentChars: z.number().int().positive().optional(),
  extraVariables: z.array(z.string().min(1)).optional(),
});

const FRONT_MATTER_KEYS = [
  "id",
  "version",
  "first-label",
  "second-label",
  "allow-ties",
  "max-item-chars",
  "max-assessment-chars",
  "variables",
] as const;

function parsePositiveInteger(value: string, where: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new JudgeTemplateError(`${where}: expected a positive integer`);
  return Number(value);
}

/**
 * Parses a text template: optional front matter between `---` lines (`key: value` with keys id, version,
 * first-label, second-label, allow-ties, max-item-chars, max-assessment-chars, variables), then the prompt. A line
 * `=== user ===` splits a system prompt (above) from the user prompt (below); without it the body is the user
 * prompt. Text templates are read with the tolerant verdict parser (`[[A]]`, `[[B]]`, `[[C]]`, …).
 */
function parseTextTemplate(source: string, fileName: string): JudgeTemplateDefinition {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  const settings = new Map<string, string>();
  let bodyStart = 0;
  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((line, index) => index > 0 && line.trim() === "---");
    if (end < 0) throw new JudgeTemplateError(`${fileName}:1: front matter opened with "---" is never closed`);
    for (let index = 1; index < end; index++) {
      const line = lines[index] ?? "";
      if (line.trim() === "" || line.trim().startsWith("#")) continue;
      const match = /^\s*([\w-]+)\s*:\s*(.*?)\s*$/.exec(line);
      if (match === null) throw new JudgeTemplateError(`${fileName}:${index + 1}: expected "key: value"`);
      const [, key, value] = match as unknown as [string, string, string];
      if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
        throw new JudgeTemplateError(
          `${fileName}:${index + 1}: unknown front matter key "${key}"; known keys: ${FRONT_MATTER_KEYS.join(", ")}`,
        );
      }
      settings.set(key, value);
    }
    bodyStart = end + 1;
  }
  const body = lines.slice(bodyStart);
  const split = body.findIndex((line) => /^===\s*user\s*===\s*$/i.test(line));
  const system = split < 0 ? undefined : body.slice(0, split).join("\n").trim();
  const user = (split < 0 ? body : body.slice(split + 1)).join("\n").trim();
  if (user === "") throw new JudgeTemplateError(`${fileName}: the user prompt is empty`);
  const allowTies = settings.get("allow-ties") ?? "true";
  if (allowTies !== "true" && allowTies !== "false") {
    throw new JudgeTemplateError(`${fileName}: allow-ties: expected true or false, got "${allowTies}"`);
  }
  const maxItemChars = settings.get("max-item-chars");
  const maxAssessmentChars = settings.get("max-assessment-chars");
  const variables = settings.get("variables");
  return {
    id: settings.get("id") ?? path.basename(fileName).replace(/\.[^.]*$/, ""),
    version: settings.get("version") ?? "1",
    ...(system === undefined || system === "" ? {} : { system }),
    user,
    labels: { first: settings.get("first-label") ?? "A", second: settings.get("second-label") ?? "B" },
    answer: { kind: "text", allowTies: allowTies === "true" },
    ...(maxItemChars === undefined
      ? {}
      : { maxItemChars: parsePositiveInteger(maxItemChars, `${fileName}: max-item-chars`) }),
    ...(maxAssessmentChars === undefined
      ? {}
      : { maxAssessmentChars: parsePositiveInteger(maxAssessmentChars, `${fileName}: max-assessment-chars`) }),
    ...(variables === undefined
      ? {}
      : {
          extraVariables: variables
            .split(",")
            .map((name) => name.trim())
            .filter(Boolean),
        }),
  };
}

/**
 * Parses a user template from its source. `fileName` ending in `.json` means a JSON definition
 * (`{id, version, system?, user, labels?, answer?, maxItemChars?, maxAssessmentChars?, extraVariables?}`); anything
 * else is a text template (see `parseTextTemplate`). Errors name the file, and the field or variable at fault.
 */
export function parseJudgeTemplate(options: { source: string; fileName: string }): JudgeTemplate {
  const { source, fileName } = options;
  let definition: JudgeTemplateDefinition;
  if (fileName.toLowerCase().endsWith(".json")) {
    let json: unknown;
    try {
      json = JSON.parse(source);
    } catch (error) {
      throw new JudgeTemplateError(`${fileName}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = definitionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue === undefined || issue.path.length === 0 ? "(root)" : issue.path.join(".");
      throw new JudgeTemplateError(`${fileName}: ${field}: ${issue?.message ?? "invalid template"}`);
    }
    const { system, maxItemChars, maxAssessmentChars, extraVariables, ...rest } = parsed.data;
    definition = {
      ...rest,
      ...(system === undefined ? {} : { system }),
      ...(maxItemChars === undefined ? {} : { maxItemChars }),
      ...(maxAssessmentChars === undefined ? {} : { maxAssessmentChars }),
      ...(extraVariables === undefined ? {} : { extraVariables }),
    } as JudgeTemplateDefinition;
  } else {
    definition = parseTextTemplate(source, fileName);
  }
  try {
    return defineJudgeTemplate(definition);
  } catch (error) {
    if (error instanceof JudgeTemplateError) throw new JudgeTemplateError(`${fileName}: ${error.message}`);
    throw error;
  }
}

/** Reads and parses a user template file (see `parseJudgeTemplate`). */
export async function loadJudgeTemplate(filePath: string): Promise<JudgeTemplate> {
  const source = await readFile(filePath, "utf8");
  return parseJudgeTemplate({ source, fileName: filePath });
}
