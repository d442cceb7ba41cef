import { PlanError } from "./plan-error.js";

/**
 * What a plan aims at:
 * - `rank-width`: the median width (upper − lower rank) of the items' 95% rank intervals is at most `width`;
 * - `top-k`: the probability that the estimated top `k` is exactly the true top `k` (as a set) is at least
 *   `probability`;
 * - `separate`: two items `elo` Elo points apart are told apart (a two-sided 5% Wald test of their difference,
 *   in the right direction) with probability at least 0.8 (`power`, `separate=D@P` to change it).
 */
export type PlanTarget =
  | { readonly kind: "rank-width"; readonly width: number; readonly label: string }
  | { readonly kind: "top-k"; readonly k: number; readonly probability: number; readonly label: string }
  | { readonly kind: "separate"; readonly elo: number; readonly power: number; readonly label: string };

/** Default power of a `separate=D` target. */
export const DEFAULT_SEPARATION_POWER = 0.8;

/**
 * Parses `rank-width=W`, `top-k=K@P` (P a probability, or a percentage with `%`) or `separate=D[@P]`.
 * Throws a PlanError naming the expected form.
 */
export function parsePlanTarget(text: string): PlanTarget {
  const match = /^([a-z-]+)=(.+)$/.exec(text.trim());
  const kind = match?.[1];
  const value = match?.[2] ?? "";
  if (kind === "rank-width") {
    const width = Number(value);
    if (!(width >= 0) || value === "") invalid(text, "rank-width=W with W ≥ 0 (e.g. rank-width=10)");
    return { kind, width, label: `rank-width=${value}` };
  }
  if (kind === "top-k") {
    const [k, probability] = splitAt(value);
    if (!Number.isInteger(k) || k < 1 || !(probability > 0 && probability < 1))
      invalid(text, "top-k=K@P with K ≥ 1 and 0 < P < 1 (e.g. top-k=5@0.9 or top-k=5@90%)");
    return { kind, k, probability, label: `top-k=${value}` };
  }
  if (kind === "separate") {
    const [elo, power] = splitAt(value.includes("@") ? value : `${value}@${DEFAULT_SEPARATION_POWER}`);
    if (!(elo > 0) || !(power > 0 && power < 1))
      invalid(text, "separate=D or separate=D@P with D > 0 Elo points and 0 < P < 1 (e.g. separate=50@0.8)");
    return { kind, elo, power, label: `separate=${value}` };
  }
  return invalid(text, "rank-width=W, top-k=K@P or separate=D[@P]");
}

function splitAt(value: string): [number, number] {
  const [left = "", right = ""] = value.split("@");
  const probability = right.endsWith("%") ? Number(right.slice(0, -1)) / 100 : Number(right);
  return [left === "" ? Number.NaN : Number(left), right === "" ? Number.NaN : probability];
}

function invalid(text: string, expected: string): never {
  throw new PlanError("invalid-target", `--target "${text}": expected ${expected}`);
}

/** Whether an estimate meets the target (rank width: at most; probabilities: at least). */
export function meetsTarget(target: PlanTarget, estimate: number): boolean {
  if (target.kind === "rank-width") return estimate <= target.width;
  return estimate >= (target.kind === "top-k" ? target.probability : target.power);
}

/** The target's threshold on its own scale. */
export function targetThreshold(target: PlanTarget): number {
  if (target.kind === "rank-width") return target.width;
  return target.kind === "top-k" ? target.probability : target.power;
}
