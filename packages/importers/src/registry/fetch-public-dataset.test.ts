import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportInputError } from "../import-input-error.js";
import { makeTempDir } from "../test-support/shared-datasets.js";
import { DatasetFetchError } from "./dataset-fetch-error.js";
import { checkFetchUrl, fetchPublicDataset, fileDownloadUrl } from "./fetch-public-dataset.js";
import { loadPublicManifests, parsePublicManifest } from "./load-public-manifests.js";
import type { PublicDatasetManifest } from "./public-dataset-manifest.js";

const BATTLES = `${JSON.stringify({ model_a: "x", model_b: "y", winner: "model_a" })}\n`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function manifest(content = BATTLES): PublicDatasetManifest {
  return {
    schemaVersion: 1,
    name: "tiny-arena",
    description: "one battle",
    source: "https://example.org/tiny",
    license: "CC0-1.0",
    format: "arena-battles",
    files: [
      { path: "data/battles.jsonl", url: "https://example.org/tiny/data/battles.jsonl", sha256: sha256(content) },
    ],
  };
}

describe("public dataset manifests", () => {
  it("names the file and field of a bad manifest", () => {
    const bad = { ...manifest(), files: [{ path: "../x", url: "ftp://x", sha256: "abc" }] };
    expect(() => parsePublicManifest(JSON.stringify(bad), "m.json")).toThrow(
      /m\.json: invalid dataset manifest: files\[0\]\.path/,
    );
    expect(() => parsePublicManifest("{", "m.json")).toThrow(ImportInputError);
  });

  it("accepts a file without a known checksum (sha256 null) but not a missing sha256 key", () => {
    const unknown = {
      ...manifest(),
      gated: true,
      files: [{ path: "a.parquet", url: "https://x.org/a", sha256: null }],
    };
    expect(parsePublicManifest(JSON.stringify(unknown), "m.json").files[0]?.sha256).toBeNull();
    const missing = { ...manifest(), files: [{ path: "a.parquet", url: "https://x.org/a" }] };
    expect(() => parsePublicManifest(JSON.stringify(missing), "m.json")).toThrow(/files\[0\]\.sha256/);
  });

  it("checks that the file name matches the manifest name", async () => {
    const temp = await makeTempDir();
    try {
      await writeFile(join(temp.dir, "other.json"), JSON.stringify(manifest()));
      await expect(loadPublicManifests(temp.dir)).rejects.toThrow(/must match the file name/);
    } finally {
      await temp.cleanup();
    }
  });

  it("accepts HTTPS anywhere and plain HTTP only from 127.0.0.1", () => {
    expect(checkFetchUrl("https://example.org/a").hostname).toBe("example.org");
    expect(checkFetchUrl("http://127.0.0.1:8080/a").port).toBe("8080");
    expect(() => checkFetchUrl("http://example.org/a")).toThrow(DatasetFetchError);
    expect(() => checkFetchUrl("http://localhost/a")).toThrow(/only https/);
    expect(fileDownloadUrl(manifest().files[0] as never, "http://127.0.0.1:9/mirror")).toBe(
      "http://127.0.0.1:9/mirror/data/battles.jsonl",
    );
  });
});

describe("fetchPublicDataset", () => {
  it("downloads, verifies, imports, and reuses verified files", async () => {
    const temp = await makeTempDir();
    try {
      const urls: string[] = [];
      const fetch = async (url: string) => {
        urls.push(url);
        return new Response(BATTLES);
      };
      const options = {
        manifest: manifest(),
        downloadDir: join(temp.dir, "downloads"),
        datasetDir: temp.dir,
        fetch,
        force: true,
      };
      const first = await fetchPublicDataset(options);
      expect(first.files).toEqual([
        { path: "data/battles.jsonl", status: "downloaded", check: "sha256", bytes: BATTLES.length, resumedFrom: 0 },
      ]);
      expect(first.report.written.comparisons).toBe(1);
      expect(first.report.license).toBe("CC0-1.0");
      expect(JSON.parse(await readFile(join(temp.dir, "dataset.json"), "utf8"))).toMatchObject({
        name: "tiny-arena",
        source: "https://example.org/tiny",
      });
      const second = await fetchPublicDataset(options);
      expect(second.files[0]?.status).toBe("cached");
      expect(urls).toEqual(["https://example.org/tiny/data/battles.jsonl"]);
      // Without a checksum, a file of the known size is reused; one of another size is downloaded again.
      const sizeOnly = manifest();
      const file = { ...(sizeOnly.files[0] as PublicDatasetManifest["files"][number]), sha256: null };
      const bySize = await fetchPublicDataset({
        ...options,
        manifest: { ...sizeOnly, files: [{ ...file, bytes: BATTLES.length }] },
      });
      expect(bySize.files[0]).toMatchObject({ status: "cached", check: "size" });
      const resized = await fetchPublicDataset({
        ...options,
        manifest: { ...sizeOnly, files: [{ ...file, bytes: 1 }] },
      }).catch((caught) => caught);
      expect(resized).toMatchObject({ kind: "size" });
      expect(urls).toHaveLength(2);
    } finally {
      await temp.cleanup();
    }
  });

  it("rejects a checksum mismatch and an HTTP error without keeping the file", async () => {
    const temp = await makeTempDir();
    try {
      const downloadDir = join(temp.dir, "downloads");
      const corrupt = async () => new Response(`${BATTLES} `);
      await expect(
        fetchPublicDataset({ manifest: manifest(), downloadDir, datasetDir: temp.dir, fetch: corrupt }),
      ).rejects.toThrow(/checksum mismatch for data\/battles\.jsonl/);
      await expect(readFile(join(downloadDir, "data/battles.jsonl"))).rejects.toThrow(/ENOENT/);
      const missing = async () => new Response("nope", { status: 404, statusText: "Not Found" });
      const error = await fetchPublicDataset({
        manifest: manifest(),
        downloadDir,
        datasetDir: temp.dir,
        fetch: missing,
      }).catch((caught) => caught);
      expect(error).toBeInstanceOf(DatasetFetchError);
      expect(error).toMatchObject({ status: 404, url: "https://example.org/tiny/data/battles.jsonl" });
    } finally {
      await temp.cleanup();
    }
  });
});
