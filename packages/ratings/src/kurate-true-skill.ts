import { SEED_TRUE_SKILL, type TrueSkillEnvironment } from "./update-true-skill.js";

/**
 * TrueSkill as the live Kurate site runs it (`--preset kurate`). Its update code calls the module-level
 * `trueskill.rate_1vs1` of the Python `trueskill` package, which uses that library's default environment:
 * μ0 25, σ0 25/3, β 25/6, τ 25/300 and draw probability 0.10 (trueskill.DRAW_PROBABILITY) — even though the site
 * never records a draw. A non-zero draw probability widens the draw margin ε = Φ⁻¹((0.10 + 1)/2)·√2·β, so every
 * win moves μ further and shrinks σ more than with draw probability 0 (our default, {@link SEED_TRUE_SKILL}):
 * two new players → winner μ 29.396 (σ 7.171) instead of 29.205 (σ 7.195). Python trueskill's documentation:
 * `rate_1vs1(Rating(25, 8.333), Rating(30, 8.333))` → μ 30.768 / 24.232, σ 7.030 (checked in the tests).
 */
export const KURATE_TRUE_SKILL: TrueSkillEnvironment = { ...SEED_TRUE_SKILL, drawProbability: 0.1 };
