/**
 * Why a download failed, so callers can choose the exit code and the advice:
 * - `network`: the host could not be reached at all (DNS failure, connection refused): probably no network;
 * - `auth`: HTTP 401/403 (a gated dataset whose terms were not accepted, or a missing or wrong token);
 * - `http`: any other HTTP error status;
 * - `interrupted`: the connection dropped mid-file; the partial download is kept and a new fetch resumes it;
 * - `checksum` / `size`: the finished file is not the one the manifest describes (nothing is kept);
 * - `url`: the URL is invalid or not allowed (plain http to another host than 127.0.0.1).
 */
export type DatasetFetchErrorKind = "network" | "auth" | "http" | "interrupted" | "checksum" | "size" | "url";

/** A download that failed, with the URL, the kind of failure and (for HTTP errors) the status. */
export class DatasetFetchError extends Error {
  override readonly name = "DatasetFetchError";
  readonly url: string;
  readonly kind: DatasetFetchErrorKind;
  readonly status: number | undefined;
  /** For `network` errors: the system error code (`ENOTFOUND`, `ECONNREFUSED`, `EAI_AGAIN`, …) when known. */
  readonly networkCode: string | undefined;

  constructor(
    message: string,
    options: {
      url: string;
      kind: DatasetFetchErrorKind;
      status?: number;
      networkCode?: string;
      cause?: unknown;
    },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.url = options.url;
    this.kind = options.kind;
    this.status = options.status;
    this.networkCode = options.networkCode;
  }
}

/** System error codes that mean "the host cannot be reached", as opposed to a failure during the transfer. */
const UNREACHABLE_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * The first "host unreachable" system error code found in an error's `cause` chain (WHATWG fetch wraps it:
 * `TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })`, sometimes inside an `AggregateError`).
 */
export function unreachableHostCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== "object" || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return code;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = unreachableHostCode(inner, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return unreachableHostCode(cause, depth + 1);
}
