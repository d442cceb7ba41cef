import type { Unavailable } from "./metrics-document.js";

/** An {@link Unavailable} marker: the section could not be computed, and why. */
export function unavailable(reason: string): Unavailable {
  return { available: false, reason };
}
