/** A source of uniform numbers in [0, 1). Injected everywhere randomness is used. */
export type RandomSource = () => number;

/**
 * A small seeded generator (mulberry32, Tommy Ettinger): fast, 32-bit state, good enough for bootstrap
 * resampling and random splits. The same seed always gives the same sequence.
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills `weights` with multinomial bootstrap counts: n draws with replacement over n units. */
export function drawBootstrapCounts(random: RandomSource, weights: Uint32Array): void {
  weights.fill(0);
  const n = weights.length;
  for (let draw = 0; draw < n; draw++) weights[Math.floor(random() * n)]!++;
}
