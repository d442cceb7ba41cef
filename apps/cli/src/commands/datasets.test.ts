import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { itWithSharedData, sharedDataPath } from "@judgelab/test-shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../test-support.js";
import { DEFAULT_MANIFESTS_DIR, downloadHeaders } from "./datasets.js";

const battles = `${JSON.stringify({ model_a: "a", model_b: "b", winner: "model_b", judge: "u" })}\n`;
/** 3000 battles among 5 models (about 200 kB), deterministic. */
const bigBattles = Array.from(
  { length: 3000 },
  (_, index) =>
    `${JSON.stringify({ model_a: `m${index % 5}`, model_b: `m${(index + 1 + (index % 3)) % 5}`, winner: index % 4 === 0 ? "tie" : "model_a", judge: `u${index % 7}` })}\n`,
).join("");

let root: string;

function readFileSafe(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
let server: Server;
let baseUrl: string;
const served = new Map<string, string>();
/** Per-path faults for the next request: cut the connection after N bytes, or answer a status. */
const faults = new Map<string, Array<{ cut: number } | { status: number } | { stall: number }>>();
const seenAuthorization: Array<string | undefined> = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "judgelab-datasets-cli-"));
  server = createServer((request, response) => {
    const path = request.url ?? "";
    seenAuthorization.push(request.headers.authorization);
    const body = served.get(path);
    const fault = faults.get(path)?.shift();
    if (fault !== undefined && "status" in fault) {
      response.writeHead(fault.status).end("denied");
      return;
    }
    if (body === undefined) {
      response.writeHead(404).end("not found");
      return;
    }
    const start = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? "")?.[1] ?? 0);
    const bytes = Buffer.from(body).subarray(start);
    const range = start > 0 ? { "content-range": `bytes ${start}-${body.length - 1}/${body.length}` } : {};
    response.writeHead(start > 0 ? 206 : 200, { "content-length": String(bytes.length), ...range });
    if (fault !== undefined && "stall" in fault) {
      response.write(bytes.subarray(0, fault.stall)); // and never finish: the client has to stop by itself
      return;
    }
    if (fault !== undefined) {
      response.write(bytes.subarray(0, fault.cut), () => setTimeout(() => response.socket?.destroy(), 150));
      return;
    }
    response.end(bytes);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  const { createHash } = await import("node:crypto");
  const manifests = join(root, "manifests");
  await mkdir(manifests);
  const manifest = (name: string, content: string, extra: Record<string, unknown> = {}) => ({
    schemaVersion: 1,
    name,
    description: "a tiny arena",
    source: "https://example.org/tiny",
    license: "CC0-1.0",
    format: "arena-battles",
    ...extra,
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
  await writeFile(join(manifests, "big.json"), JSON.stringify(manifest("big", bigBattles)));
  await writeFile(join(manifests, "gated.json"), JSON.stringify(manifest("gated", battles, { gated: true })));
  const noSum = manifest("nosum", battles);
  noSum.files = noSum.files.map((file) => ({ ...file, sha256: null as unknown as string, bytes: battles.length }));
  await writeFile(join(manifests, "nosum.json"), JSON.stringify(noSum));
  served.set("/tiny/data/battles.jsonl", battles);
  served.set("/tampered/data/battles.jsonl", battles.replace("model_b", "model_a"));
  served.set("/big/data/battles.jsonl", bigBattles);
  served.set("/gated/data/battles.jsonl", battles);
  served.set("/nosum/data/battles.jsonl", battles);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await rm(root, { recursive: true, force: true });
});

describe("judgelab datasets", () => {
  it("lists the repository's manifests with name, format, license and source", async () => {
    const run = await runCliForTest(["datasets", "list"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/pandalm +pandalm +3 +Apache-2\.0 +all +https:\/\/github\.com\/WeOpenML\/PandaLM/);
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
    expect(run.stderr).toBe(
      `downloading data/battles.jsonl\ndownloaded data/battles.jsonl (${battles.length} B; sha256 ok)\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("fetched tiny: 1 files, 1 verified (sha256)");
    expect(run.stdout).toContain("written   2 items, 1 judges, 1 comparisons");
    expect(await readFile(join(root, "tiny-out", "downloads", "data", "battles.jsonl"), "utf8")).toBe(battles);
    const again = await runCliForTest(
      ["datasets", "fetch", "tiny", "--manifests", "manifests", "--out", "tiny-out", "--json", "--force"],
      { cwd: root },
    );
    expect(JSON.parse(again.stdout)).toMatchObject({
      name: "tiny",
      files: [{ path: "data/battles.jsonl", status: "cached", check: "sha256" }],
    });
  });

  it("keeps the partial file when the connection keeps dropping (exit 1), and the next run resumes it", async () => {
    faults.set("/big/data/battles.jsonl", [{ cut: 20_000 }, { cut: 20_000 }, { cut: 20_000 }]);
    const first = await runCliForTest(["datasets", "fetch", "big", "--manifests", "manifests", "--out", "big"], {
      cwd: root,
    });
    expect(first.code).toBe(1);
    // How much of each cut transfer reaches the disk depends on timing (a stream error drops unread chunks).
    expect(first.stderr).toMatch(/the connection (closed|dropped) after \d+ .*run the same command again to resume/);
    const part = join(root, "big", "downloads", "data", "battles.jsonl.part");
    const kept = (await readFile(part)).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(60_000);
    const keptText = `${(kept / 1000).toFixed(1)} kB`;
    const second = await runCliForTest(["datasets", "fetch", "big", "--manifests", "manifests", "--out", "big"], {
      cwd: root,
    });
    expect(second.stderr).toContain(`downloading data/battles.jsonl (resuming at ${keptText})`);
    expect(second.stderr).toContain(`resumed data/battles.jsonl from ${keptText} (`);
    expect(second.stderr).toContain("kB; sha256 ok)");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("written   5 items, 7 judges, 3000 comparisons");
    expect(await readFile(join(root, "big", "downloads", "data", "battles.jsonl"), "utf8")).toBe(bigBattles);
  });

  it("stops on Ctrl-C (exit 1) keeping the partial file, and says how to resume", async () => {
    faults.set("/big/data/battles.jsonl", [{ stall: 30_000 }]);
    const controller = new AbortController();
    const part = join(root, "stopped", "downloads", "data", "battles.jsonl.part");
    const watch = setInterval(() => {
      if (readFileSafe(part)?.length === 30_000) controller.abort();
    }, 5);
    const run = await runCliForTest(["datasets", "fetch", "big", "--manifests", "manifests", "--out", "stopped"], {
      cwd: root,
      signal: controller.signal,
    }).finally(() => clearInterval(watch));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("stopped; the partial download is kept (<file>.part): run the same command again");
    expect(readFileSafe(part)?.length).toBe(30_000);
  });

  it("says when a file has no known checksum and was size-checked only", async () => {
    const run = await runCliForTest(["datasets", "fetch", "nosum", "--manifests", "manifests", "--out", "nosum"], {
      cwd: root,
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("no checksum known; size-checked only");
    expect(run.stdout).toContain(
      "fetched nosum: 1 files, 0 verified (sha256), 1 size-checked only (no checksum known)",
    );
  });

  it("explains a 401 on a gated dataset (exit 1) and never prints the token", async () => {
    faults.set("/gated/data/battles.jsonl", [{ status: 401 }]);
    const run = await runCliForTest(["datasets", "fetch", "gated", "--manifests", "manifests", "--out", "gated"], {
      cwd: root,
      env: { HF_TOKEN: "hf_not_printed" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/HTTP 401.*access denied \(the HF_TOKEN given was refused\)\. gated is gated: accept/);
    expect(run.stderr + run.stdout).not.toContain("hf_not_printed");
    // The token goes to huggingface.co only: the 127.0.0.1 server never saw it.
    expect(seenAuthorization).not.toContain("Bearer hf_not_printed");
  });

  it("exits 2 with advice when the host cannot be reached (no network)", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const address = closed.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    await new Promise((done) => closed.close(done));
    const run = await runCliForTest(
      [
        "datasets",
        "fetch",
        "tiny",
        "--manifests",
        "manifests",
        "--out",
        "offline",
        "--base-url",
        `http://127.0.0.1:${port}/`,
      ],
      { cwd: root },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): no network\? Use --base-url to fetch from a mirror, or download the files yourself .* run `judgelab import arena-battles <files> --out <dir>`/,
    );
  });

  it("sends HF_TOKEN as a bearer token to huggingface.co and its subdomains only", () => {
    const env = { HF_TOKEN: "hf_x" };
    expect(downloadHeaders("https://huggingface.co/datasets/a/b/resolve/main/x", env)).toEqual({
      authorization: "Bearer hf_x",
    });
    expect(downloadHeaders("https://cdn-lfs.huggingface.co/x", env)).toEqual({ authorization: "Bearer hf_x" });
    expect(downloadHeaders("https://huggingface.co.evil.org/x", env)).toEqual({});
    expect(downloadHeaders("http://127.0.0.1:8080/x", env)).toEqual({});
    expect(downloadHeaders("https://huggingface.co/x", {})).toEqual({});
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
      expect.stringMatching(/unknown dataset "nope"; known: big, gated, nosum, tampered, tiny/),
    ]);
    const busy = await runCliForTest(["datasets", "fetch", "tiny", "--manifests", "manifests", "--out", "manifests"], {
      cwd: root,
    });
    expect([busy.code, busy.stderr]).toEqual([2, expect.stringMatching(/not empty/)]);
    const usage = await runCliForTest(["datasets"], { cwd: root });
    expect(usage.code).toBe(2);
  });
});
