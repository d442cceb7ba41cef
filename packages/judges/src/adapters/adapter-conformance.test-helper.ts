import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerComparisonTemplate, paperImpactTemplate } from "../built-in-templates.js";
import { JudgeCallError, type JudgeCallErrorCode } from "../judge-call-error.js";
import type { JudgeRequest, JudgeResult, JudgeTemplate, PairwiseJudge } from "../judge-contract.js";
import type { FakeFault, FakeServer } from "../test-support/fake-server-core.js";
import { fakeScoredText } from "../test-support/fake-verdict.js";

/** The API key every conformance test uses; it must never surface in errors or results. */
export const CONFORMANCE_API_KEY = "sk-test-CONFORMANCE-0123456789abcdef";

/** How to run one adapter against its fake server. */
export interface AdapterConformanceOptions<Server extends FakeServer> {
  readonly name: string;
  /** Starts the fake server; it must require `apiKey`. */
  readonly start: (apiKey: string) => Promise<Server>;
  readonly createJudge: (server: Server, apiKey: string) => PairwiseJudge;
  /** Templates to exercise (default: paper impact and answer comparison). */
  readonly templates?: readonly JudgeTemplate[];
  /** Checks on the logged request body of a paper-impact call (protocol-specific shape). */
  readonly checkRequestBody: (body: Record<string, unknown>, request: JudgeRequest) => void;
  /** Failure kind for an injected content-filter fault (Anthropic reports filtering as a refusal). */
  readonly contentFilterKind?: "content-filter" | "refusal";
}

export function scoredRequest(template: JudgeTemplate, firstScore: number, secondScore: number): JudgeRequest {
  return {
    first: { id: "x", title: "First title", text: fakeScoredText(firstScore, "Alpha text.") },
    second: { id: "y", title: "Second title", text: fakeScoredText(secondScore, "Beta text.") },
    template,
    task: "Which is better?",
    repetition: 0,
  };
}

const faultCases: Array<[string, FakeFault, JudgeCallErrorCode, number | undefined]> = [
  ["429 with Retry-After seconds", { kind: "status", status: 429, retryAfter: "2" }, "rate-limited", 2000],
  ["429 with retry-after-ms", { kind: "status", status: 429, retryAfterMs: 150 }, "rate-limited", 150],
  ["500", { kind: "status", status: 500 }, "server", undefined],
  ["503 with Retry-After", { kind: "status", status: 503, retryAfter: "1" }, "server", 1000],
  ["400", { kind: "status", status: 400 }, "bad-request", undefined],
  ["408", { kind: "status", status: 408 }, "timeout", undefined],
  ["dropped connection", { kind: "drop" }, "network", undefined],
  ["connection dropped mid-body", { kind: "drop-mid-body" }, "network", undefined],
  ["malformed JSON body", { kind: "malformed-json" }, "malformed-response", undefined],
];

function expectNoSecret(value: unknown, secret: string): void {
  const seen = new Set<unknown>();
  const collect = (item: unknown, depth: number): string => {
    if (depth > 6 || item === null || item === undefined || seen.has(item)) return "";
    if (typeof item !== "object") return String(item);
    seen.add(item);
    const own = Object.getOwnPropertyNames(item).map((key) =>
      collect((item as Record<string, unknown>)[key], depth + 1),
    );
    return own.join("\n");
  };
  expect(collect(value, 0)).not.toContain(secret);
}

/** The shared adapter test-suite: request shape, ground-truth verdicts, order flips, every fault, key hygiene. */
export function describeAdapterConformance<Server extends FakeServer>(
  options: AdapterConformanceOptions<Server>,
): void {
  describe(`${options.name} against its fake server`, () => {
    let server: Server;
    let judge: PairwiseJudge;
    beforeAll(async () => {
      server = await options.start(CONFORMANCE_API_KEY);
      judge = options.createJudge(server, CONFORMANCE_API_KEY);
    });
    afterAll(async () => {
      await server.close();
    });

    it("sends the protocol's request shape with credentials and reads verdict, usage and raw body", async () => {
      const request = scoredRequest(paperImpactTemplate, 0.9, 0.1);
      const result = await judge.judge(request);
      expect(result).toMatchObject({ type: "verdict", verdict: "first" });
      if (result.type !== "verdict") return;
      expect(result.usage.inputTokens).toBeGreaterThan(50);
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(result.latencyMs).toBeGreaterThan(0);
      expect(result.rationale).toContain("Fake judge");
      expect(result.raw).toBeTypeOf("object");
      const entry = server.log[server.log.length - 1]!;
      expect(entry).toMatchObject({ method: "POST", credentialPresent: true, authorized: true });
      expect(JSON.stringify(server.log)).not.toContain(CONFORMANCE_API_KEY);
      options.checkRequestBody(entry.body as Record<string, unknown>, request);
    });

    for (const template of options.templates ?? [paperImpactTemplate, answerComparisonTemplate]) {
      it(`returns ground-truth verdicts that flip with the presented order (${template.id})`, async () => {
        const forward = await judge.judge(scoredRequest(template, 0.2, 0.7));
        const swapped = await judge.judge(scoredRequest(template, 0.7, 0.2));
        expect(forward).toMatchObject({ type: "verdict", verdict: "second" });
        expect(swapped).toMatchObject({ type: "verdict", verdict: "first" });
      });
    }

    it.each(faultCases)("maps %s to a JudgeCallError", async (_name, fault, code, retryAfterMs) => {
      server.faults.push(fault);
      const error = await judge.judge(scoredRequest(paperImpactTemplate, 1, 0)).catch((caught: unknown) => caught);
      expect(JudgeCallError.isInstance(error)).toBe(true);
      const callError = error as JudgeCallError;
      expect(callError.code).toBe(code);
      expect(callError.provider).toBe(judge.provider);
      expect(callError.retryAfterMs).toBe(retryAfterMs);
      expect(callError.isRetryable).toBe(code !== "bad-request");
      if (fault.kind === "status") expect(callError.status).toBe(fault.status);
      expect(callError.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    });

    it("parses an HTTP-date Retry-After relative to now", async () => {
      server.faults.push({ kind: "status", status: 429, retryAfter: new Date(Date.now() + 30_000).toUTCString() });
      const error = (await judge
        .judge(scoredRequest(paperImpactTemplate, 1, 0))
        .catch((caught: unknown) => caught)) as JudgeCallError;
      expect(error.code).toBe("rate-limited");
      expect(error.retryAfterMs).toBeGreaterThan(25_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
    });

    it("times out a slow response and honours an abort", async () => {
      server.faults.push({ kind: "delay", ms: 1500 });
      await expect(judge.judge(scoredRequest(paperImpactTemplate, 1, 0), { timeoutMs: 100 })).rejects.toMatchObject({
        code: "timeout",
        isRetryable: true,
      });
      server.faults.push({ kind: "delay", ms: 1500 });
      const controller = new AbortController();
      const pending = judge.judge(scoredRequest(paperImpactTemplate, 1, 0), { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toMatchObject({ code: "aborted", isRetryable: false });
      const aborted = new AbortController();
      aborted.abort();
      await expect(
        judge.judge(scoredRequest(paperImpactTemplate, 1, 0), { signal: aborted.signal }),
      ).rejects.toMatchObject({
        code: "aborted",
      });
    });

    const failureCases: Array<[FakeFault["kind"], JudgeResult["type"], string]> = [
      ["refusal", "failure", "refusal"],
      ["unparseable", "failure", "unparseable"],
      ["content-filter", "failure", options.contentFilterKind ?? "content-filter"],
      ["truncated", "failure", "truncated"],
    ];
    it.each(failureCases)("records a %s answer as a failure with the raw text", async (kind, type, failureKind) => {
      server.faults.push({ kind } as FakeFault);
      const result = await judge.judge(scoredRequest(answerComparisonTemplate, 1, 0));
      expect(result).toMatchObject({ type, kind: failureKind });
      expect(result.raw).toBeTypeOf("object");
      expect(result.usage.inputTokens).toBeGreaterThan(0);
    });

    it("maps a wrong key to auth and never shows the key in errors or results", async () => {
      const wrongKey = `${CONFORMANCE_API_KEY}-WRONG`;
      const unauthorized = options.createJudge(server, wrongKey);
      const error = await unauthorized
        .judge(scoredRequest(paperImpactTemplate, 1, 0))
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "auth", status: 401, isRetryable: false });
      expect((error as JudgeCallError).responseBody).toContain("[redacted]");
      expectNoSecret(error, wrongKey);
      expectNoSecret(String((error as Error).stack), wrongKey);
      const results: unknown[] = [];
      for (const fault of [undefined, ...faultCases.map(([, each]) => each)]) {
        if (fault !== undefined) server.faults.push(fault);
        results.push(await judge.judge(scoredRequest(paperImpactTemplate, 1, 0)).catch((caught: unknown) => caught));
      }
      for (const result of results) expectNoSecret(result, CONFORMANCE_API_KEY);
      expect(JSON.stringify(server.log)).not.toContain(CONFORMANCE_API_KEY);
    });
  });
}
