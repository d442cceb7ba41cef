import { stat } from "node:fs/promises";
import { join } from "node:path";
import { ImportInputError } from "../import-input-error.js";
import type { ImportResult } from "../importer.js";
import { findImporter } from "../importers.js";
import { DatasetFetchError } from "./dataset-fetch-error.js";
import { type DownloadProgress, downloadWithResume, type FetchFunction, sha256OfFile } from "./download-with-resume.js";
import type { PublicDatasetFile, PublicDatasetManifest } from "./public-dataset-manifest.js";

/**
 * Checks that a URL may be fetched: HTTPS anywhere, plain HTTP only from 127.0.0.1 (a local test server).
 * Returns the parsed URL.
 */
export function checkFetchUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatasetFetchError(`${url}: not a valid URL`, { url, kind: "url" });
  }
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "http:" && parsed.hostname === "127.0.0.1") return parsed;
  throw new DatasetFetchError(`${url}: only https:// URLs are fetched (plain http only from 127.0.0.1)`, {
    url,
    kind: "url",
  });
}

/** Where a file is downloaded from: `baseUrl` + its path when a base URL is given (a mirror), else its own URL. */
export function fileDownloadUrl(file: PublicDatasetFile, baseUrl?: string): string {
  if (baseUrl === undefined) return file.url;
  return new URL(
    file.path.split("/").map(encodeURIComponent).join("/"),
    baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`,
  ).href;
}

/**
 * How a file was checked: against its SHA-256 (`sha256`), only its size (`size`: the manifest knows no checksum),
 * or not at all (`none`: neither checksum nor size known; only a complete transfer).
 */
export type FileCheck = "sha256" | "size" | "none";

/** Progress of a fetch, one event per file: downloaded now (`resumedFrom` > 0: continued), or reused. */
export interface FetchProgress {
  readonly path: string;
  readonly status: "downloaded" | "cached";
  readonly check: FileCheck;
  readonly bytes: number;
  readonly resumedFrom: number;
}

function checkOf(file: PublicDatasetFile): FileCheck {
  return file.sha256 !== null ? "sha256" : file.bytes !== undefined ? "size" : "none";
}

/**
 * Size of an already downloaded file that matches the manifest (checksum when known, else size when known, else
 * existence: files are renamed into place only once complete), or undefined.
 */
async function reusableSize(path: string, file: PublicDatasetFile): Promise<number | undefined> {
  try {
    const { size } = await stat(path);
    if (file.sha256 !== null) return (await sha256OfFile(path)) === file.sha256 ? size : undefined;
    if (file.bytes !== undefined) return size === file.bytes ? size : undefined;
    return size;
  } catch {
    return undefined;
  }
}

/** Options of `fetchPublicDataset`. */
export interface FetchPublicDatasetOptions {
  readonly manifest: PublicDatasetManifest;
  readonly downloadDir: string;
  readonly datasetDir: string;
  readonly fetch: FetchFunction;
  /** Download `<baseUrl>/<file path>` instead of each file's own URL (a mirror). */
  readonly baseUrl?: string;
  readonly force?: boolean;
  readonly signal?: AbortSignal;
  /** Request headers for one download URL (e.g. a token for the dataset's host); never logged. */
  readonly headersFor?: (url: string) => Readonly<Record<string, string>>;
  /** Connections per file when a transfer drops mid-file (each resumes the last). Default 3. */
  readonly attempts?: number;
  /** One event per file when it is done. */
  readonly onProgress?: (progress: FetchProgress) => void;
  /** Byte progress of the file being downloaded (called per received chunk: throttle when drawing). */
  readonly onBytes?: (path: string, progress: DownloadProgress) => void;
}

async function obtainFile(options: FetchPublicDatasetOptions, file: PublicDatasetFile): Promise<FetchProgress> {
  const target = join(options.downloadDir, file.path);
  const check = checkOf(file);
  const existing = await reusableSize(target, file);
  if (existing !== undefined) return { path: file.path, status: "cached", check, bytes: existing, resumedFrom: 0 };
  const url = fileDownloadUrl(file, options.baseUrl);
  checkFetchUrl(url);
  const headers = options.headersFor?.(url);
  const outcome = await downloadWithResume({
    url,
    target,
    sha256: file.sha256,
    ...(file.bytes === undefined ? {} : { bytes: file.bytes }),
    fetch: options.fetch,
    ...(headers === undefined ? {} : { headers }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
    ...(options.onBytes === undefined ? {} : { onProgress: (progress) => options.onBytes?.(file.path, progress) }),
  }).catch((error: unknown) => {
    if (error instanceof DatasetFetchError && error.kind === "checksum") {
      throw new DatasetFetchError(error.message.replace("checksum mismatch", `checksum mismatch for ${file.path}`), {
        url,
        kind: "checksum",
      });
    }
    throw error;
  });
  return { path: file.path, status: "downloaded", check, bytes: outcome.bytes, resumedFrom: outcome.resumedFrom };
}

/**
 * Downloads every file of a public dataset into `downloadDir` (files already there and matching are reused; an
 * interrupted download is resumed), verifies the SHA-256 checksums (the size where no checksum is known), and
 * imports the files with the manifest's format into `datasetDir`.
 */
export async function fetchPublicDataset(
  options: FetchPublicDatasetOptions,
): Promise<ImportResult & { files: FetchProgress[] }> {
  const { manifest } = options;
  const importer = findImporter(manifest.format);
  if (importer === undefined) {
    throw new ImportInputError(`dataset ${manifest.name}: unknown importer format "${manifest.format}"`);
  }
  const files: FetchProgress[] = [];
  for (const file of manifest.files) {
    const progress = await obtainFile(options, file);
    files.push(progress);
    options.onProgress?.(progress);
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
