import type { JudgeTemplate } from "./judge-contract.js";
import { defineJudgeTemplate, type JudgeTemplateDefinition } from "./prompt-template.js";

/**
 * Paper impact (v1), in the spirit of the seed paper tournament: the judge compares the likely scientific impact of
 * two papers from their titles and abstracts (each truncated to 1,500 characters), optionally with a pointwise
 * assessment, and answers JSON `{"winner": "paper1" | "paper2", "reasoning": "…"}` with at most 150 words. No ties.
 */
export const paperImpactTemplate: JudgeTemplate & JudgeTemplateDefinition = defineJudgeTemplate({
  id: "paper-impact",
  version: "1",
  system:
    "You review research papers for a panel that ranks work by its likely scientific impact. " +
    "You judge the substance of each paper, not the order in which the papers appear, their length or their style.",
  user: `Two papers follow. Decide which one is likely to have the greater scientific impact.

Weigh: how new the core idea is; how broadly the results could be used across fields and in practice; how sound \
the evidence is; how timely the problem is; and how much future work is likely to build on it.
{{#rubric}}
Additional criteria:
{{rubric}}
{{/rubric}}
## Paper 1{{#first.title}}: {{first.title}}{{/first.title}}
Abstract:
{{first.text}}
{{#first.assessment}}
Assessment of Paper 1:
{{first.assessment}}
{{/first.assessment}}
## Paper 2{{#second.title}}: {{second.title}}{{/second.title}}
Abstract:
{{second.text}}
{{#second.assessment}}
Assessment of Paper 2:
{{second.assessment}}
{{/second.assessment}}
Answer with one JSON object and nothing else:
{"winner": "paper1" or "paper2", "reasoning": "why, in at most 150 words"}`,
  labels: { first: "Paper 1", second: "Paper 2" },
  answer: {
    kind: "json",
    winnerField: "winner",
    rationaleField: "reasoning",
    winnerValues: { first: "paper1", second: "paper2" },
    maxRationaleWords: 150,
  },
  maxItemChars: 1500,
  maxAssessmentChars: 3000,
});

/**
 * Answer comparison with ties (v1), in the style of MT-Bench pairwise judging (Zheng et al., 2023, "Judging
 * LLM-as-a-Judge with MT-Bench and Chatbot Arena", arXiv:2306.05685): the judge reads a question and two assistants'
 * answers, explains briefly, and ends with `[[A]]`, `[[B]]` or `[[C]]` (tie). Wording is our own.
 */
export const answerComparisonTemplate: JudgeTemplate & JudgeTemplateDefinition = defineJudgeTemplate({
  id: "answer-comparison",
  version: "1",
  system:
    "You are a fair and careful judge of AI assistants' answers. Compare two answers to the same user question and " +
    "decide which one serves the user better: consider correctness, helpfulness, relevance, depth and clarity. " +
    "The order of the answers, their length and the assistants' names must not influence you. " +
    "Write a short comparison first. Then give your verdict on the last line in exactly this form: " +
    '"[[A]]" if Assistant A is better, "[[B]]" if Assistant B is better, or "[[C]]" for a tie.',
  user: `[User question]
{{task}}
{{#rubric}}
[Criteria]
{{rubric}}
{{/rubric}}
[Start of Assistant A's answer]
{{first.text}}
[End of Assistant A's answer]

[Start of Assistant B's answer]
{{second.text}}
[End of Assistant B's answer]`,
  labels: { first: "Assistant A", second: "Assistant B" },
  answer: { kind: "text", allowTies: true },
});

/** Built-in templates by id. */
export const BUILT_IN_TEMPLATES: Readonly<Record<string, JudgeTemplate>> = {
  [paperImpactTemplate.id]: paperImpactTemplate,
  [answerComparisonTemplate.id]: answerComparisonTemplate,
};
