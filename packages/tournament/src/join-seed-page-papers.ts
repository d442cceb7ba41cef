import type { Item } from "@judgelab/schema";
import { hashedNormal } from "./hashed-normal.js";

/**
 * Adds the papers of the seed system's published page to a simulated pool: each new paper keeps its
 * `metadata.quality` or gets 1.5·z with z = {@link hashedNormal}(id, seed), and joins the "Artificial
 * Intelligence" category when it has none (the page hides its opponents' categories; they met an Artificial
 * Intelligence paper in a tournament that schedules within categories, so they join that category, else they
 * would form a group of their own). Papers already in the pool are skipped. `showcase` lists the added ids.
 */
export function joinSeedPagePapers(
  pool: readonly Item[],
  seedPage: readonly Item[],
  seed: number,
): { papers: Item[]; showcase: string[] } {
  const papers = [...pool];
  const showcase: string[] = [];
  const known = new Set(papers.map((paper) => paper.id));
  for (const item of seedPage) {
    if (known.has(item.id)) continue;
    const quality =
      typeof item.metadata?.quality === "number" ? item.metadata.quality : 1.5 * hashedNormal(item.id, seed);
    papers.push({
      ...item,
      category: item.category ?? "Artificial Intelligence",
      metadata: { ...item.metadata, quality, seedPage: true },
    });
    showcase.push(item.id);
  }
  return { papers, showcase };
}
