import { describe, expect, it } from "vitest";
import { escapeHtml, escapeMarkdown } from "./escape-html.js";

describe("escapeHtml", () => {
  it("escapes markup and quotes", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
  });
});

describe("escapeMarkdown", () => {
  it("neutralises HTML and Markdown structure but keeps quotes readable", () => {
    expect(escapeMarkdown("The seed system's <b>A|B</b> *rank* [1, 2] #1")).toBe(
      "The seed system's &lt;b&gt;A\\|B&lt;/b&gt; \\*rank\\* \\[1, 2\\] \\#1",
    );
  });
  it("folds newlines so a value cannot start a new Markdown block", () => {
    expect(escapeMarkdown("line one\n# heading")).toBe("line one \\# heading");
  });
});
