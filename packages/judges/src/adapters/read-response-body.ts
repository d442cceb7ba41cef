import type { z } from "zod";
import { JudgeCallError } from "../judge-call-error.js";
import type { ProviderEndpoint } from "./call-provider.js";
import { redactSecretInText } from "./redact-secret.js";

/**
 * Validates a provider response body against the protocol's zod schema. A body of the wrong shape (a string from a
 * non-JSON content type, a truncated object, an error envelope with status 200) throws `malformed-response`, naming
 * the first offending field.
 */
export function readResponseBody<T>(schema: z.ZodType<T>, body: unknown, endpoint: ProviderEndpoint): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? "(body)" : issue.path.join(".");
  const shown = redactSecretInText(
    typeof body === "string" ? body : (JSON.stringify(body) ?? String(body)),
    endpoint.secret,
  );
  throw new JudgeCallError({
    code: "malformed-response",
    message: `${endpoint.provider} response from ${endpoint.url} has an unexpected shape at ${field}: ${issue?.message ?? "invalid"}`,
    provider: endpoint.provider,
    url: endpoint.url,
    responseBody: shown.slice(0, 500),
  });
}
