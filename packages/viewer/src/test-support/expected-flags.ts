import type { Comparison, Reference } from "@judgelab/schema";

/** The browser's three flags computed the slow, obvious way on records (an independent check of row-flags.ts). */
export interface ExpectedFlags {
  readonly disagree: Set<string>;
  readonly flips: Set<string>;
  readonly reference: Set<string>;
}

function outcome(comparison: Comparison): string | undefined {
  if (comparison.verdict === "invalid") return undefined;
  if (comparison.verdict === "tie") return "tie";
  return comparison.verdict === "first" ? comparison.first : comparison.second;
}

function groupKey(comparison: Comparison): string {
  const pair = [comparison.first, comparison.second].sort();
  return `pair:${pair.join("|")}|${comparison.prompt ?? ""}`;
}

/** Expected flags by comparison id. */
export function expectedFlags(comparisons: readonly Comparison[], references: readonly Reference[]): ExpectedFlags {
  const groups = new Map<string, Comparison[]>();
  for (const comparison of comparisons) {
    const key = groupKey(comparison);
    groups.set(key, [...(groups.get(key) ?? []), comparison]);
  }
  const disagree = new Set<string>();
  const flips = new Set<string>();
  for (const members of groups.values()) {
    const valid = members.filter((comparison) => outcome(comparison) !== undefined);
    const judges = new Set(valid.map((comparison) => comparison.judge));
    const outcomes = new Set(valid.map(outcome));
    if (judges.size >= 2 && outcomes.size >= 2) for (const member of members) disagree.add(member.id);
    for (const judge of new Set(members.map((comparison) => comparison.judge))) {
      const own = valid.filter((comparison) => comparison.judge === judge);
      const orientation = (comparison: Comparison) =>
        comparison.order === "known" ? `${comparison.first}>${comparison.second}` : "unknown";
      const byOrientation = new Map<string, Set<string>>();
      for (const comparison of own) {
        const key = orientation(comparison);
        byOrientation.set(key, (byOrientation.get(key) ?? new Set()).add(outcome(comparison)!));
      }
      const known = [...byOrientation.entries()].filter(([key]) => key !== "unknown");
      if (known.length !== 2) continue;
      const [one, two] = known.map(([, set]) => [...set].sort().join(","));
      if (one === two) continue;
      for (const comparison of members)
        if (comparison.judge === judge && comparison.order === "known") flips.add(comparison.id);
    }
  }
  const reference = new Set<string>();
  for (const comparison of comparisons) {
    const result = outcome(comparison);
    if (result === undefined) continue;
    const labels = references.filter(
      (entry): entry is Extract<Reference, { kind: "pair" }> =>
        entry.kind === "pair" &&
        ((entry.a === comparison.first && entry.b === comparison.second) ||
          (entry.a === comparison.second && entry.b === comparison.first)),
    );
    const label =
      labels.find((entry) => entry.prompt !== undefined && entry.prompt === comparison.prompt) ??
      labels.find((entry) => entry.prompt === undefined);
    if (label === undefined) continue;
    const expected = label.winner === "tie" ? "tie" : label.winner === "a" ? label.a : label.b;
    if (expected !== result) reference.add(comparison.id);
  }
  return { disagree, flips, reference };
}
