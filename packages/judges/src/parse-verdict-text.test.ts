import { describe, expect, it } from "vitest";
import { answerComparisonTemplate, paperImpactTemplate } from "./built-in-templates.js";
import type { JudgeTemplate } from "./judge-contract.js";
import { parseVerdictMarker, parseVerdictText } from "./parse-verdict-text.js";

type Expected = "first" | "second" | "tie" | "unparseable" | "refusal" | "empty";

const cases: Array<[string, string, Expected, ("weak" | "strong" | undefined)?, JudgeTemplate?]> = [
  // MT-Bench style markers
  ["mt-bench A", "Assistant A gives a correct derivation while B makes an arithmetic slip.\n\n[[A]]", "first"],
  ["mt-bench B", "Both are fluent, but B answers the actual question.\nFinal verdict: [[B]]", "second"],
  ["mt-bench tie", "The two answers are essentially identical in content. [[C]]", "tie"],
  ["marker with spaces", "Verdict: [[ B ]]", "second"],
  ["echoed instructions then final", 'Output "[[A]]" if A is better, "[[B]]" if B is better.\n\n[[B]]', "second"],
  ["conflicting markers", "[[A]] or maybe [[B]], hard to say.", "unparseable"],
  ["conflict settled by verdict", "At first [[A]] looked right. On reflection, my final verdict is [[B]].", "second"],
  // Arena-Hard graded markers
  ["arena A>>B", "My final verdict is: Assistant A is significantly better: [[A>>B]]", "first", "strong"],
  ["arena A>B", "My final verdict is Assistant A is slightly better: [[A>B]]", "first", "weak"],
  ["arena A=B", "My final verdict is tie: [[A=B]]", "tie"],
  ["arena B>A", "My final verdict is Assistant B is slightly better: [[B>A]]", "second", "weak"],
  ["arena B>>A", "My final verdict is Assistant B is significantly better: [[B>>A]]", "second", "strong"],
  ["arena A<<B", "[[A<<B]]", "second", "strong"],
  // JSON (the seed system's answer format)
  [
    "seed JSON paper1",
    '{"winner": "paper1", "reasoning": "Paper 1 introduces a broadly applicable new training stage."}',
    "first",
    undefined,
    paperImpactTemplate,
  ],
  [
    "seed JSON paper2",
    '{"winner":"paper2","reasoning":"Paper 2 addresses a critical and timely challenge."}',
    "second",
    undefined,
    paperImpactTemplate,
  ],
  [
    "JSON in fence",
    'Here is my answer:\n```json\n{\n  "winner": "paper2",\n  "reasoning": "broader"\n}\n```',
    "second",
    undefined,
    paperImpactTemplate,
  ],
  [
    "JSON in prose",
    'After weighing both, {"winner": "Paper 1", "reasoning": "more novel"} is my call.',
    "first",
    undefined,
    paperImpactTemplate,
  ],
  [
    "JSON with braces in strings",
    '{"winner": "paper2", "reasoning": "uses {x} notation"}',
    "second",
    undefined,
    paperImpactTemplate,
  ],
  ["JSON verdict key", '{"verdict": "B", "explanation": "more complete"}', "second"],
  ["JSON arena verdict", '{"verdict": "A>>B"}', "first", "strong"],
  ["JSON tie", '{"winner": "tie"}', "tie"],
  [
    "JSON unknown winner value",
    '{"winner": "paper3", "reasoning": "x"}',
    "unparseable",
    undefined,
    paperImpactTemplate,
  ],
  // Keyed phrases
  ["winner: Paper 1", "Winner: Paper 1\nReason: it is more novel.", "first"],
  ["bold winner", "**Winner:** **Paper 2** — the broader contribution.", "second"],
  ["final verdict assistant", "Final verdict: Assistant B", "second"],
  ["better response is output (a)", "The better response is Output (a), because it follows the format.", "first"],
  ["answer colon bare letter", "Answer: B", "second"],
  [
    "answer is a … (article, not a label)",
    "Assistant A's answer is a bit long but correct; Assistant B's answer is wrong.",
    "unparseable",
  ],
  ["preferred response", "Preferred response: Response A", "first"],
  ["verdict tie", "Verdict: tie. Both are equally strong.", "tie"],
  // Whole-text labels
  ["bare A", "A", "first"],
  ["bare B.", "B.", "second"],
  ["bare paper 2", "Paper 2", "second"],
  ["bare output (b)", "Output (b)", "second"],
  ["bare tie", "Tie", "tie"],
  // Decision phrases (seed-like rationales, no JSON)
  [
    "seed prose higher impact",
    "Paper 1 likely has higher impact: it proposes a broadly applicable new training stage.",
    "first",
  ],
  [
    "seed prose potential impact",
    "Paper 2 has higher potential scientific impact due to its profound breadth.",
    "second",
  ],
  ["I prefer", "Both are reasonable, but I prefer Response B for its clarity.", "second"],
  ["would choose", "I would choose the second response.", "second"],
  ["first one better", "The first one is better organised and more accurate.", "first"],
  ["assistant possessive", "Assistant B's answer is more accurate and more helpful.", "second"],
  ["equally good", "Both answers are equally good.", "tie"],
  ["negated", "Paper 1 is not better than Paper 2 in rigor, and Paper 2 is more impactful.", "second"],
  [
    "long filler before comparative",
    "Both responses are correct, but Response B is more concise and therefore better.",
    "second",
  ],
  [
    "provides a more helpful answer",
    "After careful consideration, I believe Assistant B provides a more helpful answer.",
    "second",
  ],
  ["more impactful than", "Paper 1 is more impactful than Paper 2.", "first"],
  ["option 2 preferable", "Option 2 is preferable.", "second"],
  ["first paper higher impact", "The first paper has a higher potential impact.", "first"],
  ["paper wins", "Paper 2 wins.", "second"],
  ["choice bare digit", "My choice: 2", "second"],
  ["bare letter subject", "A is better.", "first"],
  ["bare letter after verb", "I'd go with B.", "second"],
  ["article is not a label", "I prefer a shorter answer, but both are fine.", "unparseable"],
  ["bold marker", "**Verdict: [[B]]**", "second"],
  ["marker in fence", "```\n[[A>B]]\n```", "first", "weak"],
  ["neither better", "Neither response is better; they are equivalent.", "tie"],
  // Ambiguous and failures
  ["scores without decision", "Assistant A: 7/10, Assistant B: 9/10", "unparseable"],
  [
    "both mentioned, no decision",
    "Paper 1 studies alignment. Paper 2 studies forecasting. Both have merits.",
    "unparseable",
  ],
  ["conflicting decisions", "Response A is better for accuracy. Response B is better for style.", "unparseable"],
  [
    "conflict settled by overall",
    "Response A is better for accuracy. Response B is better for style. Overall, Response A is better.",
    "first",
  ],
  ["first integer trap", "There are 2 key issues with answer A and 1 with answer B. Hard to say.", "unparseable"],
  ["refusal", "I'm sorry, but I can't help with comparing these documents.", "refusal"],
  ["refusal cannot evaluate", "I cannot evaluate these papers as they contain harmful content.", "refusal"],
  ["empty", "   \n ", "empty"],
  ["think block stripped", "<think>Maybe [[A]]... no.</think>\nThe verdict is [[B]]", "second"],
  [
    "custom labels",
    "Winner: Response Y",
    "second",
    undefined,
    {
      ...answerComparisonTemplate,
      labels: { first: "Response X", second: "Response Y" },
    },
  ],
];

describe("parseVerdictText", () => {
  it.each(cases)("%s", (_name, text, expected, strength, template) => {
    const parsed = parseVerdictText(text, template);
    if (parsed.type === "verdict") {
      expect(parsed.verdict).toBe(expected);
      expect(parsed.strength).toBe(strength);
    } else {
      expect(parsed.kind).toBe(expected);
    }
  });

  it("keeps the JSON reasoning as the rationale", () => {
    const parsed = parseVerdictText('{"winner": "paper2", "reasoning": "broader reach"}', paperImpactTemplate);
    expect(parsed).toMatchObject({ type: "verdict", verdict: "second", rationale: "broader reach", rule: "json" });
  });

  it("drops the trailing marker from a free-text rationale", () => {
    const parsed = parseVerdictText("A is correct, B is not.\n[[A]]", answerComparisonTemplate);
    expect(parsed).toMatchObject({ verdict: "first", rationale: "A is correct, B is not.", rule: "marker" });
  });

  it("flips every positional verdict when the labels are swapped", () => {
    const pairs: Array<[string, string]> = [
      ["[[A]]", "[[B]]"],
      ["[[A>>B]]", "[[B>>A]]"],
      ['{"winner": "paper1"}', '{"winner": "paper2"}'],
      ["Winner: Paper 1", "Winner: Paper 2"],
      ["I prefer Assistant A.", "I prefer Assistant B."],
      ["Output (a)", "Output (b)"],
    ];
    for (const [first, second] of pairs) {
      const left = parseVerdictText(first, paperImpactTemplate);
      const right = parseVerdictText(second, paperImpactTemplate);
      expect(left).toMatchObject({ verdict: "first" });
      expect(right).toMatchObject({ verdict: "second" });
      if (left.type === "verdict" && right.type === "verdict") expect(left.strength).toBe(right.strength);
    }
  });
});

describe("parseVerdictMarker", () => {
  it("rejects markers that compare a position with itself or are not verdicts", () => {
    expect(parseVerdictMarker("A>A")).toBeUndefined();
    expect(parseVerdictMarker("1")).toBeUndefined();
    expect(parseVerdictMarker("wiki link")).toBeUndefined();
  });
});
