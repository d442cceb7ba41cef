import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** What `run-metadata.json` records: enough to reproduce the report. */
export interface RunMetadata {
  readonly generatedAt: string;
  /** The command line that produced the report (passed in by the CLI). */
  readonly command?: string | undefined;
  /** Git commit of the code (passed in by the CLI; the library does not shell out). */
  readonly gitSha?: string | undefined;
  readonly seed: number;
  readonly bootstrapRounds: number;
  /**
   * The rating model of the leaderboard as the analytics stability section states it, including its L2 prior and
   * why (none, the documented default when the MLE does not exist, or the bootstrap's regularizer).
   */
  readonly ratingModel?: string | undefined;
  /** What `--where` kept, when the data were filtered. */
  readonly filter?: string | undefined;
  readonly dataset: {
    readonly path: string;
    /** sha256 over the dataset's files (name and content, sorted by name). */
    readonly contentHash: string;
    readonly files: readonly string[];
  };
  readonly packageVersions: Readonly<Record<string, string>>;
  readonly nodeVersion: string;
  readonly durationMs?: number | undefined;
}

/**
 * sha256 over a dataset: for a folder, every regular file directly inside it (sorted by name; each contributes
 * its name, a NUL, its byte length and its bytes); for a single file, that file. Streams, so size is no issue.
 */
export async function hashDatasetContent(datasetPath: string): Promise<{ contentHash: string; files: string[] }> {
  const info = await stat(datasetPath);
  const files = info.isDirectory()
    ? (await readdir(datasetPath, { withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .sort()
    : [path.basename(datasetPath)];
  const directory = info.isDirectory() ? datasetPath : path.dirname(datasetPath);
  const hash = createHash("sha256");
  for (const name of files) {
    const filePath = path.join(directory, name);
    const size = (await stat(filePath)).size;
    hash.update(`${name}\0${size}\0`);
    for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  }
  return { contentHash: `sha256:${hash.digest("hex")}`, files };
}
