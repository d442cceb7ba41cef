import type { Assessment, Item } from "@judgelab/schema";
import { hashedNormal } from "./hashed-normal.js";

/** The simulated pointwise assessor (the seed system's impact assessment: overall 1–10 plus four rubric scores). */
export const PAPER_ASSESSOR = "claude-opus-4.6";

/**
 * Simulated pointwise impact assessments, one per paper: overall = 5.5 + 1.1·quality + 0.9·z (z standard normal
 * from a hash of seed and id), rubric scores = overall + 0.7·z_k, rounded to halves and clamped to 1–10. The
 * pointwise assessor sees the same latent quality as the pairwise judges through different noise, so the
 * report's pointwise–pairwise coherence has a known positive but imperfect answer.
 */
export function simulatePaperAssessments(papers: readonly Item[], seed: number): Assessment[] {
  const clamp = (value: number) => Math.min(10, Math.max(1, Math.round(value * 2) / 2));
  return papers.map((paper) => {
    const quality = typeof paper.metadata?.quality === "number" ? paper.metadata.quality : 0;
    const overall = clamp(5.5 + 1.1 * quality + 0.9 * hashedNormal(`${paper.id}:overall`, seed));
    const rubric = (name: string) => clamp(overall + 0.7 * hashedNormal(`${paper.id}:${name}`, seed));
    return {
      item: paper.id,
      judge: PAPER_ASSESSOR,
      scores: {
        overall,
        significance: rubric("significance"),
        rigor: rubric("rigor"),
        novelty: rubric("novelty"),
        clarity: rubric("clarity"),
      },
      scale: { min: 1, max: 10 },
      createdAt: "2026-01-01",
    };
  });
}
