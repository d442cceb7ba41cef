import { extractJsonObjects } from "./extract-json-objects.js";
import type { JudgeTemplate } from "./judge-contract.js";

/**
 * The confidence a judge states in its JSON answer under the template's `confidenceField`: a number in [0, 1]
 * (a percentage in (1, 100] is read as a share, since models often answer 85 for 0.85). Undefined when the
 * template asks for none or the answer has no such number in range; the verdict is kept either way.
 */
export function readStatedConfidence(
  answer: string | Record<string, unknown>,
  template: JudgeTemplate,
): number | undefined {
  if (template.answer.kind !== "json" || template.answer.confidenceField === undefined) return undefined;
  const field = template.answer.confidenceField;
  const objects = typeof answer === "string" ? extractJsonObjects(answer) : [answer];
  for (const object of objects) {
    const value = object[field];
    const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof number !== "number" || !Number.isFinite(number)) continue;
    if (number >= 0 && number <= 1) return number;
    if (number > 1 && number <= 100) return number / 100;
  }
  return undefined;
}
