/**
 * Checks the hand transcription in `datasets/seed-page/` against the page it was made from
 * (`../shared/seed/paper-tournament-page.txt`), re-deriving everything from the page text here:
 * the visible comparison-history entries (opponent title, judge, date), which paper the page's rationale calls
 * "Paper 1", who won, and the page's summary figures.
 *
 * Positions and winners are not printed on the page; each rationale names the papers "Paper 1" and "Paper 2".
 * This test derives them with simple textual rules (independent of the transcription) and requires the rules to
 * be unambiguous for every entry, so a misread entry in either the rules or the transcription fails the test.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeWithSharedData, sharedDataPath } from "@judgelab/test-shared-data";
import { expect, it } from "vitest";
import { loadDataset } from "./load-dataset.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const pagePath = sharedDataPath("seed", "paper-tournament-page.txt");
const datasetDir = path.join(repoRoot, "datasets", "seed-page");
const JUDGES = ["gemini-3", "gpt-5.2", "claude-opus-4.6"];

interface PageEntry {
  title: string;
  judge: string;
  date: string;
  /** Position (1 or 2) of the page's own paper. */
  focalPosition: 1 | 2;
  /** Position (1 or 2) of the winner. */
  winnerPosition: 1 | 2;
}

/** "gemini-35/5/2026" → judge "gemini-3", ISO date "2026-05-05" (judge names end in digits, so match known names). */
function splitJudgeAndDate(text: string): { judge: string; date: string } {
  const judge = JUDGES.find(
    (name) => text.startsWith(name) && /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text.slice(name.length)),
  );
  if (judge === undefined) throw new Error(`cannot split judge and date in "${text}"`);
  const [month, day, year] = text.slice(judge.length).split("/");
  return { judge, date: `${year}-${month?.padStart(2, "0")}-${day?.padStart(2, "0")}` };
}

const TOPIC = /midtraining|model spec|\bMSM\b|alignment/gi;
const LOSER_PATTERNS = [
  /While Paper (\d)/g,
  /Paper (\d), while/g,
  /compared to Paper (\d)/g,
  /Paper (\d) (?:is|presents|offers)[^.]*?\bbut\b/g,
];
const WINNER_PATTERNS = [
  /Paper (\d) (?:likely )?has higher/g,
  /Paper (\d) is more novel/g,
  /Paper (\d) offers deeper/g,
  /Paper (\d)'s breadth/g,
];

function positions(text: string, patterns: RegExp[]): Set<number> {
  const found = new Set<number>();
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(Number(match[1]));
  return found;
}

/** The paper a rationale discusses in terms of the page paper's topic: each topic word counts for the nearest preceding "Paper N" in its sentence. */
function focalPositionOf(rationale: string): 1 | 2 {
  const votes = [0, 0, 0];
  for (const sentence of rationale.split(/(?<=\.)\s+/)) {
    for (const topic of sentence.matchAll(TOPIC)) {
      const before = [...sentence.slice(0, topic.index).matchAll(/Paper (\d)/g)].at(-1);
      if (before !== undefined) votes[Number(before[1])]! += 1;
    }
  }
  if (votes[1] === votes[2]) throw new Error(`cannot tell which paper is the page's own in: ${rationale.slice(0, 80)}`);
  return (votes[1]! > votes[2]! ? 1 : 2) as 1 | 2;
}

function winnerPositionOf(rationale: string): 1 | 2 {
  const losers = positions(rationale, LOSER_PATTERNS);
  const winners = positions(rationale, WINNER_PATTERNS);
  if (losers.size !== 1) throw new Error(`no single losing paper in: ${rationale.slice(0, 80)}`);
  const winner = (3 - [...losers][0]!) as 1 | 2;
  if ([...winners].some((position) => position !== winner))
    throw new Error(`contradictory winner in: ${rationale.slice(0, 80)}`);
  return winner;
}

function parseHistory(page: string): { heading: number; entries: PageEntry[] } {
  const start = page.indexOf("Comparison History (");
  const heading = Number(/Comparison History \((\d+)\)/.exec(page)?.[1]);
  const blocks = page
    .slice(start)
    .split(/\n\s*vs\. /)
    .slice(1);
  const entries = blocks.map((block) => {
    const lines = block
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    const [title, judgeAndDate, ...rest] = lines;
    const rationale = rest.join(" ");
    return {
      title: title as string,
      ...splitJudgeAndDate(judgeAndDate as string),
      focalPosition: focalPositionOf(rationale),
      winnerPosition: winnerPositionOf(rationale),
    };
  });
  return { heading, entries };
}

function countBy<T>(values: readonly T[], key: (value: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[key(value)] = (counts[key(value)] ?? 0) + 1;
  return counts;
}

describeWithSharedData("seed/paper-tournament-page.txt", `seed-page transcription (page: ${pagePath})`, () => {
  const page = existsSync(pagePath) ? readFileSync(pagePath, "utf8") : "";
  const { heading, entries } = existsSync(pagePath) ? parseHistory(page) : { heading: 0, entries: [] };

  it("is a valid dataset", async () => {
    const dataset = await loadDataset(datasetDir);
    expect(dataset.report.counts).toMatchObject({ items: 15, judges: 4, comparisons: 20, assessments: 1 });
  });

  it("has one comparison per visible history entry, in page order, matching judge, date, positions and winner", async () => {
    const dataset = await loadDataset(datasetDir, { keepComparisons: true });
    const titleOf = new Map(dataset.items.map((item) => [item.id, item.title]));
    const focal = dataset.manifest.published?.item;
    const transcribed = (dataset.comparisons ?? []).map((comparison) => {
      const focalPosition = comparison.first === focal ? 1 : 2;
      const opponent = focalPosition === 1 ? comparison.second : comparison.first;
      return {
        title: titleOf.get(opponent),
        judge: comparison.judge,
        date: comparison.createdAt,
        focalPosition,
        winnerPosition: comparison.verdict === "first" ? 1 : 2,
      };
    });
    expect(entries).toHaveLength(20);
    expect(transcribed).toEqual(entries);
  });

  it("agrees on what the visible entries show: counts per judge, wins and losses, first-position wins", () => {
    expect(countBy(entries, (entry) => entry.judge)).toEqual({ "gemini-3": 6, "gpt-5.2": 8, "claude-opus-4.6": 6 });
    const won = entries.filter((entry) => entry.winnerPosition === entry.focalPosition);
    expect({ wins: won.length, losses: entries.length - won.length }).toEqual({ wins: 15, losses: 5 });
    expect(countBy(won, (entry) => entry.judge)).toEqual({ "gemini-3": 2, "gpt-5.2": 7, "claude-opus-4.6": 6 });
    expect(entries.filter((entry) => entry.winnerPosition === 1)).toHaveLength(7);
    expect(countBy(entries, (entry) => String(entry.focalPosition))).toEqual({ "1": 10, "2": 10 });
    expect(new Set(entries.map((entry) => entry.title)).size).toBe(14);
    expect(new Set(entries.map((entry) => entry.date))).toEqual(new Set(["2026-05-05"]));
  });

  it("keeps the page's own summary figures under published", async () => {
    const { manifest, assessments, items } = await loadDataset(datasetDir);
    const published = manifest.published as Record<string, unknown>;
    const score = /\n(\d+)±(\d+)\n/.exec(page);
    const rank = /#(\d+) of (\d+) · ([^\n]+)/.exec(page);
    const figure = (label: string) => Number(new RegExp(`\\n(\\d+)%?\\n${label}\\n`).exec(page)?.[1]);
    const rating =
      /Rating:([\d.]+)\/ 10\s*\n\s*Significance ([\d.]+)Rigor ([\d.]+)Novelty ([\d.]+)Clarity ([\d.]+)/.exec(page);
    expect(published.tournamentScore).toEqual({
      display: `${score?.[1]}±${score?.[2]}`,
      mean: Number(score?.[1]),
      plusMinus: Number(score?.[2]),
    });
    expect(published.rank).toEqual({ position: Number(rank?.[1]), of: Number(rank?.[2]), category: rank?.[3] });
    expect(published.winRate).toBe(figure("Win Rate") / 100);
    expect({ wins: published.wins, losses: published.losses, matches: published.matches }).toEqual({
      wins: figure("Wins"),
      losses: figure("Losses"),
      matches: figure("Matches"),
    });
    expect(published.comparisonHistoryCount).toBe(heading);
    expect(published.comparisonHistoryVisible).toBe(entries.length);
    const [overall, significance, rigor, novelty, clarity] = (rating ?? []).slice(1).map(Number);
    expect(published.rating).toEqual({ overall, outOf: 10, significance, rigor, novelty, clarity });
    expect(assessments[0]?.scores).toEqual({ overall, significance, rigor, novelty, clarity });
    const focal = items.find((item) => item.id === published.item);
    expect(focal?.category).toBe(rank?.[3]);
    expect(page.startsWith(`${focal?.title}\n`)).toBe(true);
    // The figures as printed on the page, spelled out, so a change in the page or the parsing is noticed.
    expect([score?.[0]?.trim(), rank?.[0], figure("Wins"), figure("Losses"), figure("Matches"), heading]).toEqual([
      "1565±40",
      "#52 of 2292 · Artificial Intelligence",
      22,
      7,
      29,
      66,
    ]);
  });
});
