import type { PairwiseOutcomes } from "./pairwise-outcomes.js";
import { RatingsError } from "./ratings-error.js";

/** Per-row raw feature values of both sides, for {@link normaliseStyleDifferences}. */
export interface SideFeatures {
  /** Covariate names, e.g. ["length", "headers", "bold", "lists"]. */
  readonly names: readonly string[];
  /**
   * Per covariate: "ratio" for non-negative counts (length, markdown elements): (a − b)/(a + b + 1);
   * "difference" for any numeric field: a − b.
   */
  readonly kinds: readonly ("ratio" | "difference")[];
  /** rows × names.length, row-major: the value of the side shown first. */
  readonly first: Float64Array;
  /** rows × names.length: the value of the side shown second. */
  readonly second: Float64Array;
}

/** The style design: one normalised difference per row and covariate, and the scale it was divided by. */
export interface StyleDesign {
  readonly names: readonly string[];
  readonly kinds: readonly ("ratio" | "difference")[];
  /** rows × names.length, row-major, oriented first − second. */
  readonly covariates: Float64Array;
  /** Root mean square of the raw differences over the valid rows (the divisor of each column). */
  readonly scales: Float64Array;
}

/**
 * Chatbot Arena's style features (Li, Angelopoulos & Chiang 2024, "Does style matter?"): per comparison and
 * feature, the difference between the two sides, relative to their size for counts,
 *   d = (a − b)/(a + b + 1)   (ratio kinds; FastChat's `add_one` keeps 0/0 away)   or   d = a − b,
 * then scaled to unit root mean square over the valid comparisons: z = d/√(mean d²). Arena also subtracts the
 * mean; we do not, so that z stays antisymmetric (swapping the sides negates it) and a position preference is
 * not folded into the style coefficient: with random presentation order the mean is ≈ 0 and both agree, with a
 * fixed order (vicuna-reviews) the mean would act as an order effect (use `orderEffect` for that). The RMS is
 * the standard deviation of d over both orientations of every comparison. Throws a RatingsError naming the
 * covariate when it does not vary (every difference is 0), and when values are not finite.
 */
export function normaliseStyleDifferences(outcomes: PairwiseOutcomes, features: SideFeatures): StyleDesign {
  const width = features.names.length;
  if (features.kinds.length !== width) throw new RangeError("normaliseStyleDifferences: one kind per covariate");
  if (features.first.length !== outcomes.size * width || features.second.length !== outcomes.size * width) {
    throw new RangeError(
      `normaliseStyleDifferences: feature arrays must hold ${outcomes.size} rows × ${width} covariates`,
    );
  }
  const covariates = new Float64Array(outcomes.size * width);
  const sums = new Float64Array(width);
  let valid = 0;
  for (let row = 0; row < outcomes.size; row++) {
    if (outcomes.verdict[row]! === 3) continue;
    valid++;
    for (let k = 0; k < width; k++) {
      const a = features.first[row * width + k]!;
      const b = features.second[row * width + k]!;
      if (!Number.isFinite(a) || !Number.isFinite(b))
        throw new RatingsError(
          "unsuitable-data",
          `covariate "${features.names[k]}" is not a finite number on comparison row ${row}`,
        );
      const kind = features.kinds[k];
      if (kind === "ratio" && (a < 0 || b < 0))
        throw new RatingsError(
          "unsuitable-data",
          `covariate "${features.names[k]}" is a count but is negative on comparison row ${row}`,
        );
      const d = kind === "ratio" ? (a - b) / (a + b + 1) : a - b;
      covariates[row * width + k] = d;
      sums[k] = sums[k]! + d * d;
    }
  }
  const scales = new Float64Array(width);
  for (let k = 0; k < width; k++) {
    const rms = Math.sqrt(sums[k]! / Math.max(1, valid));
    if (!(rms > 0)) {
      throw new RatingsError(
        "unsuitable-data",
        `the covariate "${features.names[k]}" is the same on both sides of every comparison (constant across items), so it cannot explain any verdict; drop it from --control`,
      );
    }
    scales[k] = rms;
    for (let row = 0; row < outcomes.size; row++) covariates[row * width + k] = covariates[row * width + k]! / rms;
  }
  return { names: features.names, kinds: features.kinds, covariates, scales };
}

/**
 * Each row's {@link SideFeatures} from per-item values (items × names.length, row-major, indexed by the item
 * codes of `outcomes`), e.g. the text lengths of the two answers compared.
 */
export function sideFeaturesFromItems(
  outcomes: PairwiseOutcomes,
  items: {
    readonly names: readonly string[];
    readonly kinds: readonly ("ratio" | "difference")[];
    readonly values: Float64Array;
  },
): SideFeatures {
  const width = items.names.length;
  const first = new Float64Array(outcomes.size * width);
  const second = new Float64Array(outcomes.size * width);
  for (let row = 0; row < outcomes.size; row++) {
    const a = outcomes.first[row]!;
    const b = outcomes.second[row]!;
    first.set(items.values.subarray(a * width, (a + 1) * width), row * width);
    second.set(items.values.subarray(b * width, (b + 1) * width), row * width);
  }
  return { names: items.names, kinds: items.kinds, first, second };
}

/** The rows `rows` of `features`, in that order (e.g. the rows a grouping kept, {@link groupItems}' keptRows). */
export function selectSideFeatureRows(features: SideFeatures, rows: Int32Array): SideFeatures {
  const width = features.names.length;
  const first = new Float64Array(rows.length * width);
  const second = new Float64Array(rows.length * width);
  rows.forEach((row, k) => {
    first.set(features.first.subarray(row * width, (row + 1) * width), k * width);
    second.set(features.second.subarray(row * width, (row + 1) * width), k * width);
  });
  return { ...features, first, second };
}

/**
 * The warning for style control on items that carry one value of each covariate (no grouping): the covariate is
 * then a function of the pair of items, separated from the strengths only through the ratio's curvature.
 */
export const SINGLE_VALUE_COVARIATE_WARNING =
  "each rated item has a single value of every style covariate, so the style effect is separated from the ratings only through the curvature of the normalised difference (weakly); for answers, rate their producers with --group producer";
