/**
 * The judges whose verdicts serve as labels and are therefore left out of the leaderboards, by the metrics
 * document's rule (`resolveGoldLabels`): every judge of kind gold; and when there are no per-pair references
 * and no gold judge, the human judges (their majority is the label). Unlike the row-level rule, human judges
 * are excluded even if no unit has a strict human majority (which needs the rows to tell).
 */
export function labelJudgeCodes(
  kinds: readonly (string | undefined)[],
  options: { readonly pairReferences: boolean },
): Set<number> {
  const codes = (kind: string) => new Set(kinds.flatMap((value, code) => (value === kind ? [code] : [])));
  const gold = codes("gold");
  if (gold.size > 0 || options.pairReferences) return gold;
  return codes("human");
}
