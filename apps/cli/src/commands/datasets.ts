import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DatasetFetchError,
  fetchPublicDataset,
  loadPublicManifests,
  type PublicDatasetManifest,
} from "@judgelab/importers";
import { type CliIo, type Command, ExitCode, UsageError } from "../cli-io.js";
import { formatTable } from "../format-table.js";
import { formatImportReport, reportImportError } from "../import-summary.js";
import { parseOptions } from "../parse-options.js";

/** The repository's `datasets/manifests` folder, located relative to this file (src/ or dist/). */
export const DEFAULT_MANIFESTS_DIR = fileURLToPath(new URL("../../../../datasets/manifests", import.meta.url));

/** Name of the folder inside a fetched dataset that keeps the downloaded source files. */
export const DOWNLOADS_FOLDER = "downloads";

const HELP = `Usage: judgelab datasets list [--json] [--manifests DIR]
       judgelab datasets fetch <name> [--out DIR] [--base-url URL] [--force] [--json] [--manifests DIR]

Known public judgment datasets, described by manifests in datasets/manifests/<name>.json (name, source,
license, importer format, files with SHA-256 checksums).

list    prints name, format, license, file count and source of every manifest.
        --json: [{"name", "description", "source", "license", "format", "revision"?, "settings"?,
                  "files": [{"path", "url", "sha256", "bytes"?}], "notes"?}]
fetch   downloads the files over HTTPS into <out>/${DOWNLOADS_FOLDER}/ (files already there with the right checksum
        are reused), verifies every SHA-256 checksum, and imports them into the dataset folder <out>
        (default ./<name>). --base-url fetches <base-url>/<file path> instead of each file's own URL (a
        mirror); plain http:// is accepted only for 127.0.0.1. --force replaces the dataset files of a
        non-empty <out>.
        --json: {"name", "out", "files": [{"path", "status": "downloaded"|"cached"}], "seconds", "report"}
        (report as in \`judgelab import --json\`).

Exit codes: 0 ok, 2 usage or input error, 1 download, checksum or import failure.
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
      { header: "source", cell: (manifest) => manifest.source },
    ]),
  );
  io.stdout("sha256 of every file: judgelab datasets list --json\n");
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

async function fetchDataset(
  manifests: readonly PublicDatasetManifest[],
  name: string | undefined,
  values: { out?: string; "base-url"?: string; force?: boolean; json?: boolean },
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
  const started = performance.now();
  try {
    const result = await fetchPublicDataset({
      manifest,
      downloadDir: join(out, DOWNLOADS_FOLDER),
      datasetDir: out,
      fetch: (url, init) => fetch(url, init),
      force: true,
      signal: io.signal,
      ...(values["base-url"] === undefined ? {} : { baseUrl: values["base-url"] }),
      ...(values.json === true ? {} : { onProgress: (progress) => io.stderr(`${progress.status} ${progress.path}\n`) }),
    });
    const seconds = (performance.now() - started) / 1000;
    if (values.json === true) {
      io.stdout(`${JSON.stringify({ name, out, files: result.files, seconds, report: result.report }, null, 2)}\n`);
    } else {
      io.stdout(`fetched ${name}: ${result.files.length} files verified (sha256)\n`);
      io.stdout(formatImportReport(result.report, out, seconds));
    }
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof DatasetFetchError) {
      io.stderr(`judgelab datasets fetch: ${error.message}\n`);
      return ExitCode.failure;
    }
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
