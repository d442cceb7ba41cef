import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DatasetFetchError,
  type FetchProgress,
  fetchPublicDataset,
  loadPublicManifests,
  type PublicDatasetManifest,
} from "@judgelab/importers";
import { type CliIo, type Command, ExitCode, UsageError } from "../cli-io.js";
import { createDownloadProgress } from "../download-progress.js";
import { formatTable } from "../format-table.js";
import { formatImportReport, reportImportError } from "../import-summary.js";
import { parseOptions } from "../parse-options.js";

/** The repository's `datasets/manifests` folder, located relative to this file (src/ or dist/). */
export const DEFAULT_MANIFESTS_DIR = fileURLToPath(new URL("../../../../datasets/manifests", import.meta.url));

/** Name of the folder inside a fetched dataset that keeps the downloaded source files. */
export const DOWNLOADS_FOLDER = "downloads";

const HELP = `Usage: judgelab datasets list [--json] [--manifests DIR]
       judgelab datasets fetch <name> [--out DIR] [--base-url URL] [--force] [--quiet] [--json] [--manifests DIR]

Known public judgment datasets, described by manifests in datasets/manifests/<name>.json (name, source,
license, importer format, gated or not, files with SHA-256 checksums where known).

list    prints name, format, license, file count, checksums and source of every manifest.
        --json: [{"name", "description", "source", "license", "format", "revision"?, "gated"?, "settings"?,
                  "files": [{"path", "url", "sha256" (null: none known), "bytes"?}], "notes"?}]
fetch   downloads the files into <out>/${DOWNLOADS_FOLDER}/ and imports them into the dataset folder <out>
        (default ./<name>). Each file is written to <file>.part and renamed when complete; an interrupted
        download resumes where it stopped (HTTP Range) when the command is run again, and a dropped
        connection is resumed up to 3 times in one run. Files already there are reused. Every file is checked
        against its SHA-256; where the manifest knows none, only its size is checked (and said so).
        Progress (bytes, total, rate) goes to stderr: a bar on a terminal, otherwise a line per file and every
        15 s; --quiet prints none.
        --base-url fetches <base-url>/<file path> instead of each file's own URL (a mirror); plain http:// is
        accepted only for 127.0.0.1. --force replaces the dataset files of a non-empty <out>.
        Gated Hugging Face datasets (you accepted their terms on the website): set HF_TOKEN to a Hugging Face
        access token; it is sent as "Authorization: Bearer" to huggingface.co only, never to a mirror, and
        never printed.
        --json: {"name", "out", "files": [{"path", "status": "downloaded"|"cached", "check":
                 "sha256"|"size"|"none", "bytes", "resumedFrom"}], "seconds", "report"}
        (report as in \`judgelab import --json\`).

Exit codes: 0 ok; 2 usage or input error, or no network (the host cannot be reached); 1 download (HTTP error,
refused token), checksum or import failure.
`;

async function loadManifests(values: { manifests?: string }, io: CliIo): Promise<PublicDatasetManifest[]> {
  const dir = values.manifests === undefined ? DEFAULT_MANIFESTS_DIR : resolve(io.cwd, values.manifests);
  return loadPublicManifests(dir);
}

function listManifests(manifests: readonly PublicDatasetManifest[], json: boolean, io: CliIo): number {
  if (json) {
    io.stdout(`${JSON.stringify(manifests, null, 2)}\n`);
    return ExitCode.ok;
  }
  io.stdout(
    formatTable(manifests, [
      { header: "name", cell: (manifest) => manifest.name },
      { header: "format", cell: (manifest) => manifest.format },
      { header: "files", cell: (manifest) => String(manifest.files.length), align: "right" },
      { header: "license", cell: (manifest) => manifest.license },
      {
        header: "sha256",
        cell: (manifest) => {
          const known = manifest.files.filter((file) => file.sha256 !== null).length;
          return known === manifest.files.length ? "all" : `${known}/${manifest.files.length}`;
        },
      },
      { header: "source", cell: (manifest) => manifest.source },
    ]),
  );
  io.stdout("files, sha256 and notes: judgelab datasets list --json\n");
  return ExitCode.ok;
}

async function isUsableOutput(out: string): Promise<boolean> {
  try {
    const entries = await readdir(out);
    return entries.every((entry) => entry === DOWNLOADS_FOLDER);
  } catch {
    return true;
  }
}

/**
 * Request headers for one download: \`Authorization: Bearer $HF_TOKEN\` for huggingface.co (and its subdomains)
 * when HF_TOKEN is set, nothing for any other host (a mirror never receives the token).
 */
export function downloadHeaders(url: string, env: CliIo["env"]): Record<string, string> {
  const token = env.HF_TOKEN?.trim();
  if (token === undefined || token === "") return {};
  const host = new URL(url).hostname;
  if (host !== "huggingface.co" && !host.endsWith(".huggingface.co")) return {};
  return { authorization: `Bearer ${token}` };
}

function formatSummary(name: string, files: readonly FetchProgress[]): string {
  const checked = files.filter((file) => file.check === "sha256").length;
  const sized = files.filter((file) => file.check === "size").length;
  const unverified = files.length - checked - sized;
  const parts = [`${checked} verified (sha256)`];
  if (sized > 0) parts.push(`${sized} size-checked only (no checksum known)`);
  if (unverified > 0) parts.push(`${unverified} not verified (no checksum or size known)`);
  return `fetched ${name}: ${files.length} files, ${parts.join(", ")}\n`;
}

/** The message and exit code of a failed download: advice for no network (exit 2), a refused token, a cut. */
function reportFetchError(error: DatasetFetchError, manifest: PublicDatasetManifest, io: CliIo): number {
  const prefix = "judgelab datasets fetch";
  if (error.kind === "network") {
    io.stderr(
      `${prefix}: ${error.message}: no network? Use --base-url to fetch from a mirror, or download the files ` +
        `yourself (judgelab datasets list --json shows their URLs) and run \`judgelab import ${manifest.format} ` +
        `<files> --out <dir>\`\n`,
    );
    return ExitCode.usage;
  }
  if (error.kind === "auth") {
    const token = io.env.HF_TOKEN === undefined ? "HF_TOKEN is not set" : "the HF_TOKEN given was refused";
    const gated = manifest.gated === true ? `${manifest.name} is gated: ` : "";
    io.stderr(
      `${prefix}: ${error.message}: access denied (${token}). ${gated}accept the dataset's terms at ` +
        `${manifest.source} while logged in, then set HF_TOKEN to a Hugging Face access token with read access\n`,
    );
    return ExitCode.failure;
  }
  const resume = error.kind === "interrupted" ? "; run the same command again to resume the download" : "";
  io.stderr(`${prefix}: ${error.message}${resume}\n`);
  return ExitCode.failure;
}

async function fetchDataset(
  manifests: readonly PublicDatasetManifest[],
  name: string | undefined,
  values: { out?: string; "base-url"?: string; force?: boolean; json?: boolean; quiet?: boolean },
  io: CliIo,
): Promise<number> {
  if (name === undefined) throw new UsageError("name the dataset to fetch; `judgelab datasets list` shows the names");
  const manifest = manifests.find((candidate) => candidate.name === name);
  if (manifest === undefined) {
    throw new UsageError(
      `unknown dataset "${name}"; known: ${manifests.map((candidate) => candidate.name).join(", ")}`,
    );
  }
  const out = resolve(io.cwd, values.out ?? name);
  if (values.force !== true && !(await isUsableOutput(out))) {
    throw new UsageError(`${out}: the output folder is not empty; choose another --out or pass --force`);
  }
  const quiet = values.quiet === true || values.json === true;
  const progress = createDownloadProgress({
    style: quiet ? "quiet" : io.stderrIsTty === true ? "tty" : "plain",
    write: io.stderr,
  });
  const started = performance.now();
  try {
    const result = await fetchPublicDataset({
      manifest,
      downloadDir: join(out, DOWNLOADS_FOLDER),
      datasetDir: out,
      fetch: (url, init) => fetch(url, init),
      force: true,
      signal: io.signal,
      headersFor: (url) => downloadHeaders(url, io.env),
      ...(values["base-url"] === undefined ? {} : { baseUrl: values["base-url"] }),
      onProgress: progress.onFile,
      onBytes: progress.onBytes,
    });
    const seconds = (performance.now() - started) / 1000;
    if (values.json === true) {
      io.stdout(`${JSON.stringify({ name, out, files: result.files, seconds, report: result.report }, null, 2)}\n`);
    } else {
      io.stdout(formatSummary(name, result.files));
      io.stdout(formatImportReport(result.report, out, seconds));
    }
    return ExitCode.ok;
  } catch (error) {
    progress.interrupt();
    if (io.signal.aborted) {
      io.stderr(
        "judgelab datasets fetch: stopped; the partial download is kept (<file>.part): run the same command again to resume\n",
      );
      return ExitCode.failure;
    }
    if (error instanceof DatasetFetchError) return reportFetchError(error, manifest, io);
    const code = reportImportError(error, io);
    if (code !== undefined) return code;
    throw error;
  }
}

/** `judgelab datasets list | fetch <name>`: the public dataset registry. */
export const datasetsCommand: Command = async (argv, io) => {
  const { values, positionals } = parseOptions({
    command: "datasets",
    argv,
    help: HELP,
    options: {
      json: { type: "boolean" },
      out: { type: "string" },
      "base-url": { type: "string" },
      force: { type: "boolean" },
      quiet: { type: "boolean" },
      manifests: { type: "string" },
    },
  });
  const [action, name, ...rest] = positionals;
  if (action !== "list" && action !== "fetch")
    throw new UsageError("use `judgelab datasets list` or `judgelab datasets fetch <name>`");
  if (rest.length > 0 || (action === "list" && name !== undefined))
    throw new UsageError(`unexpected argument "${rest[0] ?? name}"`);
  let manifests: PublicDatasetManifest[];
  try {
    manifests = await loadManifests(values, io);
  } catch (error) {
    const code = reportImportError(error, io);
    if (code !== undefined) return code;
    throw error;
  }
  if (action === "list") return listManifests(manifests, values.json === true, io);
  return fetchDataset(manifests, name, values, io);
};
