import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ImportInputError } from "../import-input-error.js";
import type { ImportResult } from "../importer.js";
import { findImporter } from "../importers.js";
import type { PublicDatasetFile, PublicDatasetManifest } from "./public-dataset-manifest.js";

/** The part of the WHATWG `fetch` the registry uses (inject a fake in tests). */
export type FetchFunction = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

/** A download that failed: HTTP status, a refused URL, or a checksum mismatch. */
export class DatasetFetchError extends Error {
  override readonly name = "DatasetFetchError";
  readonly url: string;
  readonly status: number | undefined;

  constructor(message: string, options: { url: string; status?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.url = options.url;
    this.status = options.status;
  }
}

/**
 * Checks that a URL may be fetched: HTTPS anywhere, plain HTTP only from 127.0.0.1 (a local test server).
 * Returns the parsed URL.
 */
export function checkFetchUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatasetFetchError(`${url}: not a valid URL`, { url });
  }
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "http:" && parsed.hostname === "127.0.0.1") return parsed;
  throw new DatasetFetchError(`${url}: only https:// URLs are fetched (plain http only from 127.0.0.1)`, { url });
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Where a file is downloaded from: `baseUrl` + its path when a base URL is given (a mirror), else its own URL. */
export function fileDownloadUrl(file: PublicDatasetFile, baseUrl?: string): string {
  if (baseUrl === undefined) return file.url;
  return new URL(
    file.path.split("/").map(encodeURIComponent).join("/"),
    baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`,
  ).href;
}

async function existingMatches(path: string, sha256: string): Promise<boolean> {
  try {
    return (await sha256OfFile(path)) === sha256;
  } catch {
    return false;
  }
}

/** Downloads one file to `target` and verifies its checksum; a mismatch deletes the download and throws. */
async function downloadFile(options: {
  file: PublicDatasetFile;
  target: string;
  url: string;
  fetch: FetchFunction;
  signal?: AbortSignal;
}): Promise<void> {
  const { file, target, url } = options;
  checkFetchUrl(url);
  let response: Response;
  try {
    response = await options.fetch(url, options.signal === undefined ? {} : { signal: options.signal });
  } catch (error) {
    throw new DatasetFetchError(`${url}: download failed (${(error as Error).message})`, { url, cause: error });
  }
  if (!response.ok) {
    throw new DatasetFetchError(`${url}: HTTP ${response.status} ${response.statusText}`.trim(), {
      url,
      status: response.status,
    });
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== file.sha256) {
    throw new DatasetFetchError(
      `${url}: checksum mismatch for ${file.path}: expected sha256 ${file.sha256}, got ${actual}; the file was not kept`,
      { url },
    );
  }
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, target).catch(async (error) => {
    await rm(partial, { force: true });
    throw error;
  });
}

/** Progress of a fetch, one event per file. */
export interface FetchProgress {
  readonly path: string;
  readonly status: "downloaded" | "cached";
}

/**
 * Downloads every file of a public dataset into `downloadDir` (files already there with the right checksum are
 * reused), verifies the SHA-256 checksums, and imports them with the manifest's format into `datasetDir`.
 */
export async function fetchPublicDataset(options: {
  manifest: PublicDatasetManifest;
  downloadDir: string;
  datasetDir: string;
  fetch: FetchFunction;
  baseUrl?: string;
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: FetchProgress) => void;
}): Promise<ImportResult & { files: FetchProgress[] }> {
  const { manifest } = options;
  const importer = findImporter(manifest.format);
  if (importer === undefined) {
    throw new ImportInputError(`dataset ${manifest.name}: unknown importer format "${manifest.format}"`);
  }
  const files: FetchProgress[] = [];
  for (const file of manifest.files) {
    const target = join(options.downloadDir, file.path);
    let status: FetchProgress["status"] = "cached";
    if (!(await existingMatches(target, file.sha256))) {
      await downloadFile({
        file,
        target,
        url: fileDownloadUrl(file, options.baseUrl),
        fetch: options.fetch,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      status = "downloaded";
    }
    files.push({ path: file.path, status });
    options.onProgress?.({ path: file.path, status });
  }
  const result = await importer.import(
    manifest.files.map((file) => join(options.downloadDir, file.path)),
    {
      out: options.datasetDir,
      name: manifest.name,
      license: manifest.license,
      source: manifest.source,
      ...(manifest.settings === undefined ? {} : { settings: manifest.settings }),
      ...(options.force === undefined ? {} : { force: options.force }),
    },
  );
  return { ...result, files };
}
