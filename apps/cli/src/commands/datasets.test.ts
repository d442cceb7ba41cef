import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { itWithSharedData, sharedDataPath } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";
import { DEFAULT_MANIFESTS_DIR } from "./datasets.js";

const battles = `${JSON.stringify({ model_a: "a", model_b: "b", winner: "model_b", judge: "u" })}\n`;

let root: string;
let server: Server;
let baseUrl: string;
const served = new Map<string, string>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "judgelab-datasets-cli-"));
  server = createServer((request, response) => {
    const body = served.get(request.url ?? "");
    response.statusCode = body === undefined ? 404 : 200;
    response.end(body ?? "not found");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  const { createHash } = await import("node:crypto");
  const manifests = join(root, "manifests");
  await mkdir(manifests);
  const manifest = (name: string, content: string) => ({
    schemaVersion: 1,
    name,
    description: "a tiny arena",
    source: "https://example.org/tiny",
    license: "CC0-1.0",
    format: "arena-battles",
    files: [
      {
        path: "data/battles.jsonl",
        url: `${baseUrl}/${name}/data/battles.jsonl`,
        sha256: createHash("sha256").update(content).digest("hex"),
      },
    ],
  });
  await writeFile(join(manifests, "tiny.json"), JSON.stringify(manifest("tiny", battles)));
  await writeFile(join(manifests, "tampered.json"), JSON.stringify(manifest("tampered", battles)));
  served.set("/tiny/data/battles.jsonl", battles);
  served.set("/tampered/data/battles.jsonl", battles.replace("model_b", "model_a"));
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  await rm(root, { recursive: true, force: true });
});

describe("judgelab datasets", () => {
  it("lists the repository's manifests with name, format, license and source", async () => {
    const run = await runCliForTest(["datasets", "list"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/pandalm +pandalm +3 +Apache-2\.0 +https:\/\/github\.com\/WeOpenML\/PandaLM/);
    expect(run.stdout).toContain("CC BY-NC 4.0");
    const json = JSON.parse((await runCliForTest(["datasets", "list", "--json"])).stdout);
    expect(json.map((manifest: { name: string }) => manifest.name)).toContain("llmbar-natural");
    expect(json[0].files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(DEFAULT_MANIFESTS_DIR.endsWith(join("datasets", "manifests"))).toBe(true);
  });

  it("fetches from a local server, verifies sha256 and imports; a second fetch (--force) reuses the verified files", async () => {
    const run = await runCliForTest(["datasets", "fetch", "tiny", "--manifests", "manifests", "--out", "tiny-out"], {
      cwd: root,
    });
    expect(run.stderr).toBe("downloaded data/battles.jsonl\n");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("fetched tiny: 1 files verified (sha256)");
    expect(run.stdout).toContain("written   2 items, 1 judges, 1 comparisons");
    expect(await readFile(join(root, "tiny-out", "downloads", "data", "battles.jsonl"), "utf8")).toBe(battles);
    const again = await runCliForTest(
      ["datasets", "fetch", "tiny", "--manifests", "manifests", "--out", "tiny-out", "--json", "--force"],
      { cwd: root },
    );
    expect(JSON.parse(again.stdout)).toMatchObject({
      name: "tiny",
      files: [{ path: "data/battles.jsonl", status: "cached" }],
    });
  });

  it("fails (exit 1) on a checksum mismatch and keeps nothing", async () => {
    const run = await runCliForTest(["datasets", "fetch", "tampered", "--manifests", "manifests", "--out", "t-out"], {
      cwd: root,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /checksum mismatch for data\/battles\.jsonl: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}/,
    );
    expect(() => readFileSync(join(root, "t-out", "downloads", "data", "battles.jsonl"))).toThrow();
  });

  itWithSharedData(
    "datasets/pandalm",
    "fetches the real PandaLM manifest through --base-url from a 127.0.0.1 mirror",
    async () => {
      const files = ["testset-v1.json", "gpt-3.5-turbo-testset-v1.json", "pandalm-7b-testset-v1.json"].map((name) =>
        readFileSync(sharedDataPath("datasets", "pandalm", name), "utf8"),
      );
      ["testset-v1.json", "gpt-3.5-turbo-testset-v1.json", "pandalm-7b-testset-v1.json"].forEach((name, index) => {
        served.set(`/mirror/data/${name}`, files[index] as string);
      });
      const run = await runCliForTest(
        ["datasets", "fetch", "pandalm", "--out", "pandalm", "--base-url", `${baseUrl}/mirror/`, "--json"],
        { cwd: root },
      );
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).report.written).toMatchObject({ comparisons: 4995, references: 999 });
    },
  );

  it("refuses plain http to other hosts, unknown names and a busy output folder", async () => {
    const http = await runCliForTest(
      ["datasets", "fetch", "tiny", "--manifests", "manifests", "--out", "h", "--base-url", "http://example.org/"],
      { cwd: root },
    );
    expect([http.code, http.stderr]).toEqual([1, expect.stringMatching(/only https:\/\/ URLs are fetched/)]);
    const unknown = await runCliForTest(["datasets", "fetch", "nope", "--manifests", "manifests"], { cwd: root });
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringMatching(/unknown dataset "nope"; known: tampered, tiny/),
    ]);
    const busy = await runCliForTest(["datasets", "fetch", "tiny", "--manifests", "manifests", "--out", "manifests"], {
      cwd: root,
    });
    expect([busy.code, busy.stderr]).toEqual([2, expect.stringMatching(/not empty/)]);
    const usage = await runCliForTest(["datasets"], { cwd: root });
    expect(usage.code).toBe(2);
  });
});
