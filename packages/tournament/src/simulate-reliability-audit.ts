import type { Comparison, Item } from "@judgelab/schema";
import { simulateTournament } from "./simulate-tournament.js";
import { thinItems } from "./thin-items.js";
import type { TournamentConfig } from "./tournament-config.js";

/** Papers in the reliability audit (spread over the categories). */
export const AUDIT_PAPERS = 40;

/**
 * A reliability audit on top of the tournament: a few papers whose pairs every judge judges in both orders.
 * A seed-style tournament gives each pair to one judge in one order, so judge agreement and both-order
 * consistency could not be measured without it. Ids, match ids and times are moved after the tournament's.
 */
export async function simulateReliabilityAudit(options: {
  config: TournamentConfig;
  papers: readonly Item[];
  signal: AbortSignal;
}): Promise<Comparison[]> {
  const auditConfig: TournamentConfig = {
    ...options.config,
    name: `${options.config.name}-audit`,
    seed: options.config.seed + 1,
    order: "both",
    assignment: "panel",
    stop: { ...options.config.stop, maxMatchesPerItem: 4, hardMaxMatchesPerItem: 6 },
  };
  const { comparisons } = await simulateTournament({
    config: auditConfig,
    items: thinItems(options.papers, AUDIT_PAPERS),
    signal: options.signal,
  });
  const dayMs = 24 * 3600 * 1000;
  return comparisons.map((comparison) => ({
    ...comparison,
    id: `audit.${comparison.id}`,
    condition: "audit",
    ...(comparison.matchId === undefined ? {} : { matchId: `audit.${comparison.matchId}` }),
    ...(comparison.createdAt === undefined
      ? {}
      : { createdAt: new Date(Date.parse(comparison.createdAt) + dayMs).toISOString() }),
  }));
}
