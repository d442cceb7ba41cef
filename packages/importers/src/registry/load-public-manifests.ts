import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fieldProblemsFromZodIssues } from "@judgelab/schema";
import { ImportInputError } from "../import-input-error.js";
import { type PublicDatasetManifest, publicDatasetManifestSchema } from "./public-dataset-manifest.js";

/** Parses one manifest's JSON text; errors name the file and the field. */
export function parsePublicManifest(text: string, file: string): PublicDatasetManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportInputError(`${file}: not valid JSON (${(error as Error).message})`, { file });
  }
  const parsed = publicDatasetManifestSchema.safeParse(value);
  if (!parsed.success) {
    const problems = fieldProblemsFromZodIssues(parsed.error.issues).map(
      (problem) => `${problem.field}: ${problem.message}`,
    );
    throw new ImportInputError(`${file}: invalid dataset manifest: ${problems.join("; ")}`, { file });
  }
  return parsed.data;
}

/**
 * Loads every `*.json` manifest in a folder, sorted by name. A manifest whose `name` differs from its file name,
 * or two manifests with one name, are errors (the name is what `datasets fetch <name>` looks up).
 */
export async function loadPublicManifests(dir: string): Promise<PublicDatasetManifest[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    throw new ImportInputError(`${dir}: cannot read the manifests folder (${(error as Error).message})`, { file: dir });
  }
  const manifests: PublicDatasetManifest[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const manifest = parsePublicManifest(await readFile(file, "utf8"), file);
    if (`${manifest.name}.json` !== name) {
      throw new ImportInputError(`${file}: name "${manifest.name}" must match the file name (${manifest.name}.json)`, {
        file,
      });
    }
    manifests.push(manifest);
  }
  return manifests;
}
