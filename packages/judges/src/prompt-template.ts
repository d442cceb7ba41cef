import { createHash } from "node:crypto";
import type { JudgeRequest, JudgeTemplate } from "./judge-contract.js";
import { truncateText } from "./truncate-text.js";

/**
 * Template syntax (deliberately small):
 * - `{{name}}` inserts a variable; whitespace inside the braces is ignored.
 * - `{{#name}}…{{/name}}` keeps the enclosed text only when `name` is non-empty (for optional titles, assessments,
 *   rubrics). Sections do not nest.
 * Built-in variables, in presented order: `task`, `rubric`, `first.label`, `first.title`, `first.text`,
 * `first.assessment`, and the same for `second`. User templates may declare extra variables, supplied per request
 * in `JudgeRequest.variables`. Any other name is an error that names the variable.
 */
export const BUILT_IN_TEMPLATE_VARIABLES: readonly string[] = [
  "task",
  "rubric",
  ...["first", "second"].flatMap((position) =>
    ["label", "title", "text", "assessment"].map((field) => `${position}.${field}`),
  ),
];

/** Rendered prompt for one request. */
export interface RenderedJudgePrompt {
  readonly system?: string;
  readonly user: string;
}

/** Definition of a template before its hash is computed. */
export interface JudgeTemplateDefinition extends Omit<JudgeTemplate, "hash"> {
  /** Extra variable names this template may use (values come from `JudgeRequest.variables`). */
  readonly extraVariables?: readonly string[];
}

/** Raised for template syntax errors, unknown variables and missing values. */
export class JudgeTemplateError extends Error {
  override readonly name = "JudgeTemplateError";
}

const PLACEHOLDER = /\{\{\s*([#/]?)\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** Names used in a template source, with section markers checked for balance. */
function collectVariables(source: string, where: string): string[] {
  const names: string[] = [];
  let openSection: string | undefined;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const [, marker, name] = match as unknown as [string, string, string];
    if (marker === "#") {
      if (openSection !== undefined) {
        throw new JudgeTemplateError(
          `${where}: section {{#${name}}} opened inside {{#${openSection}}}; sections do not nest`,
        );
      }
      openSection = name;
    } else if (marker === "/") {
      if (openSection !== name) {
        throw new JudgeTemplateError(`${where}: {{/${name}}} closes a section that is not open`);
      }
      openSection = undefined;
    }
    names.push(name);
  }
  if (openSection !== undefined) throw new JudgeTemplateError(`${where}: section {{#${openSection}}} is never closed`);
  const stray = source.replace(PLACEHOLDER, "").match(/\{\{[^}]*\}?\}?/);
  if (stray !== null) throw new JudgeTemplateError(`${where}: malformed placeholder "${stray[0]}"`);
  return names;
}

/**
 * sha256 (hex) of everything that changes what a judge is asked or how its answer is read: version, system and user
 * sources, labels, answer format and truncation limits. The id is a name, not content, and is left out.
 */
export function hashJudgeTemplate(definition: JudgeTemplateDefinition): string {
  const source = {
    version: definition.version,
    system: definition.system ?? null,
    user: definition.user,
    labels: definition.labels,
    answer: definition.answer,
    maxItemChars: definition.maxItemChars ?? null,
    maxAssessmentChars: definition.maxAssessmentChars ?? null,
  };
  return createHash("sha256").update(JSON.stringify(source)).digest("hex");
}

/** Validates a template definition (syntax, known variables) and computes its hash. */
export function defineJudgeTemplate(definition: JudgeTemplateDefinition): JudgeTemplate & JudgeTemplateDefinition {
  const known = new Set([...BUILT_IN_TEMPLATE_VARIABLES, ...(definition.extraVariables ?? [])]);
  const sources: Array<[string, string | undefined]> = [
    ["system", definition.system],
    ["user", definition.user],
  ];
  for (const [part, source] of sources) {
    if (source === undefined) continue;
    for (const name of collectVariables(source, `template "${definition.id}" ${part} prompt`)) {
      if (!known.has(name)) {
        throw new JudgeTemplateError(
          `template "${definition.id}" ${part} prompt: unknown variable "{{${name}}}"; ` +
            `known variables: ${[...known].join(", ")}`,
        );
      }
    }
  }
  return { ...definition, hash: hashJudgeTemplate(definition) };
}

/** Values of the built-in variables for one request, with truncation applied. */
export function judgeTemplateValues(request: JudgeRequest): Record<string, string> {
  const template = request.template;
  const values: Record<string, string> = { ...(request.variables ?? {}) };
  values.task = request.task ?? "";
  values.rubric = request.rubric ?? "";
  for (const position of ["first", "second"] as const) {
    const item = request[position];
    values[`${position}.label`] = template.labels[position];
    values[`${position}.title`] = item.title ?? "";
    values[`${position}.text`] = truncateText(item.text, template.maxItemChars);
    values[`${position}.assessment`] = truncateText(item.assessment ?? "", template.maxAssessmentChars);
  }
  return values;
}

function renderSource(source: string, values: Record<string, string>, where: string): string {
  const withSections = source.replace(
    /\{\{\s*#\s*([A-Za-z_][\w.-]*)\s*\}\}([\s\S]*?)\{\{\s*\/\s*\1\s*\}\}/g,
    (_whole, name: string, body: string) => ((values[name] ?? "") === "" ? "" : body),
  );
  return withSections.replace(PLACEHOLDER, (_whole, _marker: string, name: string) => {
    const value = values[name];
    if (value === undefined) throw new JudgeTemplateError(`${where}: no value for variable "{{${name}}}"`);
    return value;
  });
}

/** Renders a request's template into system and user prompts. Throws `JudgeTemplateError` on a missing variable. */
export function renderJudgePrompt(request: JudgeRequest): RenderedJudgePrompt {
  const values = judgeTemplateValues(request);
  const where = `template "${request.template.id}"`;
  const user = renderSource(request.template.user, values, `${where} user prompt`);
  if (request.template.system === undefined) return { user };
  return { system: renderSource(request.template.system, values, `${where} system prompt`), user };
}
