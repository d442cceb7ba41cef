import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { DatasetFetchError, unreachableHostCode } from "./dataset-fetch-error.js";

/** The part of the WHATWG `fetch` the registry uses (inject a fake in tests). */
export type FetchFunction = (
  url: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<Response>;

/** Bytes of one file so far: `bytes` on disk (including `resumedFrom` from an earlier run), of `total` if known. */
export interface DownloadProgress {
  readonly bytes: number;
  readonly total: number | undefined;
  readonly resumedFrom: number;
}

/** What one download did. `resumedFrom` > 0: an earlier partial download was continued from that byte. */
export interface DownloadOutcome {
  readonly bytes: number;
  readonly resumedFrom: number;
  /** SHA-256 of the whole file (hex), checked against the expected one when that is known. */
  readonly sha256: string;
}

/** Options of `downloadWithResume`. */
export interface DownloadOptions {
  readonly url: string;
  /** Final path; the download goes to `<target>.part` and is renamed when complete and verified. */
  readonly target: string;
  /** Expected SHA-256 (hex), or null when none is known (then only the size is checked). */
  readonly sha256: string | null;
  /** Expected size in bytes, when known. */
  readonly bytes?: number;
  readonly fetch: FetchFunction;
  /** Extra request headers (e.g. `Authorization`); never included in errors. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Connections tried per call when a transfer drops mid-file; each one resumes the last. Default 3. */
  readonly attempts?: number;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Total size from `Content-Range: bytes <start>-<end>/<total>` (or `bytes &#42;/<total>` after a 416), with the start. */
function parseContentRange(header: string | null): { start: number | undefined; total: number | undefined } {
  const match = /^bytes (?:(\d+)-\d+|\*)\/(\d+|\*)$/.exec(header?.trim() ?? "");
  if (match === null) return { start: undefined, total: undefined };
  return {
    start: match[1] === undefined ? undefined : Number(match[1]),
    total: match[2] === "*" || match[2] === undefined ? undefined : Number(match[2]),
  };
}

async function request(options: DownloadOptions, offset: number): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers, "accept-encoding": "identity" };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  try {
    return await options.fetch(options.url, {
      headers,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const code = unreachableHostCode(error);
    const host = new URL(options.url).host;
    if (code !== undefined) {
      throw new DatasetFetchError(`cannot reach ${host} (${code})`, {
        url: options.url,
        kind: "network",
        networkCode: code,
        cause: error,
      });
    }
    throw new DatasetFetchError(`${options.url}: download failed (${(error as Error).message})`, {
      url: options.url,
      kind: "interrupted",
      cause: error,
    });
  }
}

function httpError(url: string, response: Response): DatasetFetchError {
  const status = response.status;
  const text = `${url}: HTTP ${status} ${response.statusText}`.trim();
  if (status === 401 || status === 403) return new DatasetFetchError(text, { url, kind: "auth", status });
  return new DatasetFetchError(text, { url, kind: "http", status });
}

/** Streams a response body into the partial file (appending when `append`); returns the size on disk after. */
async function writeBody(options: {
  response: Response;
  partial: string;
  append: boolean;
  startBytes: number;
  total: number | undefined;
  download: DownloadOptions;
}): Promise<number> {
  const { response, download } = options;
  const handle = await open(options.partial, options.append ? "a" : "w");
  let bytes = options.startBytes;
  try {
    if (response.body !== null) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        await handle.write(chunk);
        bytes += chunk.byteLength;
        download.onProgress?.({ bytes, total: options.total, resumedFrom: options.startBytes });
      }
    }
  } catch (error) {
    if (download.signal?.aborted) throw error;
    throw new DatasetFetchError(
      `${download.url}: the connection dropped after ${bytes} bytes (${(error as Error).message}); the partial download is kept`,
      { url: download.url, kind: "interrupted", cause: error },
    );
  } finally {
    await handle.close();
  }
  return bytes;
}

/** One connection: resumes `<target>.part` with a Range request when it exists. Returns the bytes on disk. */
async function transferOnce(
  options: DownloadOptions,
  partial: string,
): Promise<{ bytes: number; resumedFrom: number }> {
  let offset = await sizeOf(partial);
  if (options.bytes !== undefined && offset > options.bytes) {
    await rm(partial, { force: true });
    offset = 0;
  }
  const response = await request(options, offset);
  if (response.status === 416 && offset > 0) {
    // The server has no bytes after `offset`: the partial file is complete when it has the whole size.
    await response.body?.cancel();
    const { total } = parseContentRange(response.headers.get("content-range"));
    if (total === offset) return { bytes: offset, resumedFrom: offset };
    await rm(partial, { force: true });
    return transferOnce(options, partial);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw httpError(options.url, response);
  }
  const range = parseContentRange(response.headers.get("content-range"));
  const resumed = response.status === 206 && offset > 0 && range.start === offset;
  if (response.status === 206 && !resumed) {
    await response.body?.cancel();
    throw new DatasetFetchError(`${options.url}: the server answered a range that was not asked for`, {
      url: options.url,
      kind: "http",
      status: 206,
    });
  }
  const startBytes = resumed ? offset : 0;
  const length = response.headers.get("content-length");
  const total = resumed ? range.total : length === null ? options.bytes : Number(length);
  options.onProgress?.({ bytes: startBytes, total, resumedFrom: startBytes });
  const bytes = await writeBody({ response, partial, append: resumed, startBytes, total, download: options });
  if (total !== undefined && bytes < total) {
    throw new DatasetFetchError(
      `${options.url}: the connection closed after ${bytes} of ${total} bytes; the partial download is kept`,
      { url: options.url, kind: "interrupted" },
    );
  }
  return { bytes, resumedFrom: startBytes };
}

async function verify(options: DownloadOptions, partial: string, bytes: number): Promise<string> {
  if (options.bytes !== undefined && bytes !== options.bytes) {
    await rm(partial, { force: true });
    throw new DatasetFetchError(
      `${options.url}: size mismatch: expected ${options.bytes} bytes, got ${bytes}; the file was not kept`,
      { url: options.url, kind: "size" },
    );
  }
  const actual = await sha256OfFile(partial);
  if (options.sha256 !== null && actual !== options.sha256) {
    await rm(partial, { force: true });
    throw new DatasetFetchError(
      `${options.url}: checksum mismatch: expected sha256 ${options.sha256}, got ${actual}; the file was not kept`,
      { url: options.url, kind: "checksum" },
    );
  }
  return actual;
}

/**
 * Downloads `url` to `target` through `<target>.part`, resuming: when the partial file exists (an earlier run was
 * interrupted), asks for `Range: bytes=<size>-` and appends when the server answers 206 Partial Content (a 200
 * restarts from byte 0; a 416 means the partial file is already whole, or it is discarded). A transfer that drops
 * mid-file is resumed up to `attempts` times. The whole file is then checked against the expected size and SHA-256
 * (when known; a mismatch deletes it) and renamed to `target`.
 */
export async function downloadWithResume(options: DownloadOptions): Promise<DownloadOutcome> {
  const partial = `${options.target}.part`;
  await mkdir(dirname(options.target), { recursive: true });
  const attempts = Math.max(1, options.attempts ?? 3);
  // Where the first connection started: what an earlier run had left (0 when it started over).
  let firstStart: number | undefined;
  const tracked: DownloadOptions = {
    ...options,
    onProgress: (progress) => {
      firstStart ??= progress.resumedFrom;
      options.onProgress?.(progress);
    },
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const { bytes, resumedFrom } = await transferOnce(tracked, partial);
      const sha256 = await verify(options, partial, bytes);
      await rename(partial, options.target);
      return { bytes, resumedFrom: firstStart ?? resumedFrom, sha256 };
    } catch (error) {
      const retry = error instanceof DatasetFetchError && error.kind === "interrupted" && attempt < attempts;
      if (!retry) throw error;
    }
  }
}
