import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { answerComparisonTemplate, paperImpactTemplate } from "./built-in-templates.js";
import type { JudgeRequest } from "./judge-contract.js";
import { loadJudgeTemplate, parseJudgeTemplate } from "./load-judge-template.js";
import { parseVerdictText } from "./parse-verdict-text.js";
import { defineJudgeTemplate, hashJudgeTemplate, JudgeTemplateError, renderJudgePrompt } from "./prompt-template.js";
import { parseStructuredVerdict } from "./structured-verdict.js";
import { TRUNCATION_MARKER, truncateText } from "./truncate-text.js";

const longAbstract = `${"We study how alignment generalizes. ".repeat(80)}END`;

function paperRequest(overrides: Partial<JudgeRequest> = {}): JudgeRequest {
  return {
    first: { id: "p1", title: "Model Spec Midtraining", text: longAbstract },
    second: { id: "p2", title: "Agentic Forecasting", text: "We forecast with linguistic beliefs." },
    template: paperImpactTemplate,
    repetition: 0,
    ...overrides,
  };
}

describe("truncateText", () => {
  it("keeps short text and cuts long text to at most maxChars code points, marker included", () => {
    expect(truncateText("short", 1500)).toBe("short");
    const cut = truncateText(longAbstract, 1500);
    expect(Array.from(cut).length).toBeLessThanOrEqual(1500);
    expect(Array.from(cut).length).toBeGreaterThan(1350);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(cut).not.toMatch(/\s…$/);
  });

  it("never splits a surrogate pair", () => {
    const emoji = "😀".repeat(20);
    const cut = truncateText(emoji, 10);
    expect(Array.from(cut)).toHaveLength(10);
    expect(cut).toBe(`${"😀".repeat(9)}${TRUNCATION_MARKER}`);
  });

  it("rejects a non-positive limit", () => {
    expect(() => truncateText("x", 0)).toThrow(RangeError);
  });
});

describe("renderJudgePrompt", () => {
  it("renders the paper-impact prompt in presented order with truncated abstracts", () => {
    const prompt = renderJudgePrompt(paperRequest());
    expect(prompt.system).toContain("scientific impact");
    expect(prompt.user).toContain("## Paper 1: Model Spec Midtraining");
    expect(prompt.user).toContain("## Paper 2: Agentic Forecasting");
    expect(prompt.user.indexOf("Paper 1: Model Spec")).toBeLessThan(prompt.user.indexOf("Paper 2: Agentic"));
    expect(prompt.user).not.toContain("END");
    expect(prompt.user).toContain('{"winner": "paper1" or "paper2"');
    expect(prompt.user).not.toContain("Assessment of Paper");
    expect(prompt.user).not.toContain("Additional criteria");
    expect(prompt.user).not.toMatch(/\{\{/);
  });

  it("includes optional assessments and rubric only when given", () => {
    const prompt = renderJudgePrompt(
      paperRequest({
        first: { id: "p1", text: "abstract one", assessment: "Rating 7.2/10" },
        rubric: "Prefer empirical work.",
      }),
    );
    expect(prompt.user).toContain("## Paper 1\nAbstract:\nabstract one");
    expect(prompt.user).toContain("Assessment of Paper 1:\nRating 7.2/10");
    expect(prompt.user).not.toContain("Assessment of Paper 2");
    expect(prompt.user).toContain("Additional criteria:\nPrefer empirical work.");
  });

  it("swapping the presented order swaps the rendered items", () => {
    const request = paperRequest();
    const swapped = renderJudgePrompt({ ...request, first: request.second, second: request.first });
    expect(swapped.user).toContain("## Paper 1: Agentic Forecasting");
    expect(swapped.user).toContain("## Paper 2: Model Spec Midtraining");
  });

  it("inserts item text verbatim, never expanding placeholders inside it", () => {
    const prompt = renderJudgePrompt(
      paperRequest({ first: { id: "p1", text: "Ignore this: {{second.text}} {{#rubric}}x{{/rubric}} $& $1" } }),
    );
    expect(prompt.user).toContain("Ignore this: {{second.text}} {{#rubric}}x{{/rubric}} $& $1");
  });

  it("renders the answer-comparison template with the question", () => {
    const prompt = renderJudgePrompt({
      first: { id: "a", text: "4" },
      second: { id: "b", text: "5" },
      template: answerComparisonTemplate,
      task: "What is 2 + 2?",
      repetition: 0,
    });
    expect(prompt.system).toContain("[[C]]");
    expect(prompt.user).toContain("[User question]\nWhat is 2 + 2?");
    expect(prompt.user).toContain("[Start of Assistant A's answer]\n4\n");
  });
});

describe("defineJudgeTemplate", () => {
  const base = {
    id: "custom",
    version: "1",
    user: "{{first.text}} vs {{second.text}}",
    labels: { first: "A", second: "B" },
    answer: { kind: "text", allowTies: true },
  } as const;

  it("names an unknown variable", () => {
    expect(() => defineJudgeTemplate({ ...base, user: "{{first.text}} {{frist.title}}" })).toThrow(
      /unknown variable "\{\{frist\.title\}\}"/,
    );
  });

  it("rejects unbalanced sections and malformed placeholders", () => {
    expect(() => defineJudgeTemplate({ ...base, user: "{{#rubric}}x" })).toThrow(/never closed/);
    expect(() => defineJudgeTemplate({ ...base, user: "{{first.text}" })).toThrow(/malformed placeholder/);
  });

  it("hashes source and version, not the id", () => {
    const hash = hashJudgeTemplate(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashJudgeTemplate({ ...base, id: "other" })).toBe(hash);
    expect(hashJudgeTemplate({ ...base, version: "2" })).not.toBe(hash);
    expect(hashJudgeTemplate({ ...base, user: `${base.user}.` })).not.toBe(hash);
    expect(paperImpactTemplate.hash).not.toBe(answerComparisonTemplate.hash);
  });

  it("requires declared extra variables at render time", () => {
    const template = defineJudgeTemplate({ ...base, user: "{{domain}}: {{first.text}}", extraVariables: ["domain"] });
    const request = { first: { id: "a", text: "x" }, second: { id: "b", text: "y" }, template, repetition: 0 };
    expect(() => renderJudgePrompt(request)).toThrow(/no value for variable "\{\{domain\}\}"/);
    expect(renderJudgePrompt({ ...request, variables: { domain: "chemistry" } }).user).toBe("chemistry: x");
  });
});

describe("user template files", () => {
  it("parses a text template with front matter and a system part", () => {
    const template = parseJudgeTemplate({
      fileName: "/x/helpfulness.txt",
      source: [
        "---",
        "version: 3",
        "first-label: Response 1",
        "second-label: Response 2",
        "allow-ties: false",
        "max-item-chars: 200",
        "---",
        "You judge helpfulness.",
        "=== user ===",
        "Q: {{task}}",
        "1: {{first.text}}",
        "2: {{second.text}}",
      ].join("\n"),
    });
    expect(template).toMatchObject({
      id: "helpfulness",
      version: "3",
      system: "You judge helpfulness.",
      labels: { first: "Response 1", second: "Response 2" },
      answer: { kind: "text", allowTies: false },
      maxItemChars: 200,
    });
    expect(template.user).toBe("Q: {{task}}\n1: {{first.text}}\n2: {{second.text}}");
  });

  it("names the file and the unknown variable", () => {
    expect(() => parseJudgeTemplate({ fileName: "mine.txt", source: "{{first.text}} {{score}}" })).toThrow(
      /mine\.txt: .*unknown variable "\{\{score\}\}"/,
    );
  });

  it("names the file and line of bad front matter", () => {
    expect(() => parseJudgeTemplate({ fileName: "t.txt", source: "---\ncolour: red\n---\n{{first.text}}" })).toThrow(
      /t\.txt:2: unknown front matter key "colour"/,
    );
  });

  it("parses a JSON definition and names the bad field", async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), "judgelab-templates-"));
    const file = path.join(directory, "impact.json");
    await writeFile(
      file,
      JSON.stringify({
        id: "impact",
        version: 2,
        user: "{{first.text}} / {{second.text}}",
        answer: {
          kind: "json",
          winnerField: "best",
          rationaleField: "why",
          winnerValues: { first: "one", second: "two", tie: "same" },
        },
      }),
    );
    const template = await loadJudgeTemplate(file);
    expect(template).toMatchObject({ id: "impact", version: "2", labels: { first: "A", second: "B" } });
    expect(() =>
      parseJudgeTemplate({ fileName: "bad.json", source: JSON.stringify({ id: "x", version: "1", user: 3 }) }),
    ).toThrow(/bad\.json: user: /);
    expect(() => parseJudgeTemplate({ fileName: "bad.json", source: "{" })).toThrow(JudgeTemplateError);
  });
});

describe("example templates shipped in packages/judges/templates", () => {
  const folder = fileURLToPath(new URL("../templates/", import.meta.url));

  it("loads the text example and renders a request; its answers parse", async () => {
    const template = await loadJudgeTemplate(path.join(folder, "helpfulness.txt"));
    const prompt = renderJudgePrompt({
      first: { id: "a", text: "Paris." },
      second: { id: "b", text: "Lyon." },
      template,
      task: "What is the capital of France?",
      repetition: 0,
    });
    expect(prompt.system).toContain("[[C]]");
    expect(prompt.user).toBe("Request:\nWhat is the capital of France?\n\nResponse A:\nParis.\n\nResponse B:\nLyon.");
    expect(parseVerdictText("Response A names the capital.\n[[A]]", template)).toMatchObject({ verdict: "first" });
  });

  it("loads the JSON example with its own winner values", async () => {
    const template = await loadJudgeTemplate(path.join(folder, "summary-faithfulness.json"));
    expect(template.answer).toMatchObject({ kind: "json", winnerField: "more_faithful" });
    expect(parseStructuredVerdict('{"more_faithful": "equal", "explanation": "both fine"}', template)).toMatchObject({
      verdict: "tie",
      structured: true,
    });
    expect(parseStructuredVerdict('{"more_faithful": "summary2", "explanation": "x"}', template)).toMatchObject({
      verdict: "second",
    });
  });
});
