import { createHash } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RangeFileServer, startRangeFileServer } from "../test-support/range-file-server.js";
import { makeTempDir } from "../test-support/shared-datasets.js";
import { DatasetFetchError } from "./dataset-fetch-error.js";
import { type DownloadOptions, downloadWithResume } from "./download-with-resume.js";

/** 200 kB of seeded pseudo-random bytes (a linear congruential generator, seed 7). */
function seededBytes(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

const BODY = seededBytes(200_000);
const SHA = createHash("sha256").update(BODY).digest("hex");

let server: RangeFileServer;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let case_ = 0;
let target: string;

beforeAll(async () => {
  server = await startRangeFileServer();
  server.files.set("/data/file.bin", BODY);
  temp = await makeTempDir();
});
afterAll(async () => {
  await server.close();
  await temp.cleanup();
});
beforeEach(async () => {
  case_ += 1;
  target = join(temp.dir, `case-${case_}`, "file.bin");
  await mkdir(dirname(target), { recursive: true });
  server.faults.length = 0;
  server.requests.length = 0;
});

function options(overrides: Partial<DownloadOptions> = {}): DownloadOptions {
  return {
    url: `${server.baseUrl}/data/file.bin`,
    target,
    sha256: SHA,
    fetch: (url, init) => fetch(url, init),
    ...overrides,
  };
}

describe("downloadWithResume against a local Range server", () => {
  it("downloads, verifies the sha256 and renames the .part into place", async () => {
    const seen: number[] = [];
    const outcome = await downloadWithResume(options({ onProgress: (progress) => seen.push(progress.bytes) }));
    expect(outcome).toEqual({ bytes: BODY.length, resumedFrom: 0, sha256: SHA });
    expect((await readFile(target)).equals(BODY)).toBe(true);
    await expect(stat(`${target}.part`)).rejects.toThrow(/ENOENT/);
    expect(seen.at(-1)).toBe(BODY.length);
    expect(server.requests).toEqual([{ path: "/data/file.bin", range: undefined, authorization: undefined }]);
  });

  it("keeps the .part when the connection is killed mid-file; the next call resumes with Range and passes the checksum", async () => {
    server.faults.push({ kind: "cut", afterBytes: 70_000 });
    const error = await downloadWithResume(options({ attempts: 1 })).catch((caught) => caught);
    expect(error).toBeInstanceOf(DatasetFetchError);
    expect(error.kind).toBe("interrupted");
    const kept = (await stat(`${target}.part`)).size;
    // How much of a cut transfer reaches the disk depends on timing (a stream error drops unread chunks).
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(70_000);
    const outcome = await downloadWithResume(options());
    expect(outcome).toMatchObject({ bytes: BODY.length, resumedFrom: kept, sha256: SHA });
    expect(server.requests.at(-1)?.range).toBe(`bytes=${kept}-`);
    expect((await readFile(target)).equals(BODY)).toBe(true);
  });

  it("resumes within one call when a transfer drops (attempts), and restarts from 0 when the server ignores Range", async () => {
    server.faults.push({ kind: "cut", afterBytes: 50_000 }, { kind: "cut", afterBytes: 60_000 });
    const outcome = await downloadWithResume(options());
    expect(outcome.sha256).toBe(SHA);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]?.range).toBeUndefined();
    expect(server.requests[2]?.range).toMatch(/^bytes=\d+-$/);
    // A partial file and a server answering 200 to the Range request: the file is written from byte 0.
    const second = join(temp.dir, `case-${case_}`, "again.bin");
    await writeFile(`${second}.part`, BODY.subarray(0, 1000));
    server.faults.push({ kind: "ignore-range" });
    const restarted = await downloadWithResume(options({ target: second }));
    expect(restarted).toMatchObject({ bytes: BODY.length, resumedFrom: 0, sha256: SHA });
  });

  it("treats a 416 on a whole .part as complete, and a .part larger than the known size as garbage", async () => {
    await downloadWithResume(options({ target: `${target}.tmp` }));
    await writeFile(`${target}.part`, BODY);
    const outcome = await downloadWithResume(options());
    expect(outcome).toMatchObject({ bytes: BODY.length, resumedFrom: BODY.length, sha256: SHA });
    expect(server.requests.at(-1)?.range).toBe(`bytes=${BODY.length}-`);
    const oversized = join(temp.dir, `case-${case_}`, "big.bin");
    await writeFile(`${oversized}.part`, Buffer.concat([BODY, BODY.subarray(0, 10)]));
    const fresh = await downloadWithResume(options({ target: oversized, bytes: BODY.length }));
    expect(fresh.resumedFrom).toBe(0);
  });

  it("deletes a resumed file whose checksum fails, so the next run starts over", async () => {
    await writeFile(`${target}.part`, Buffer.alloc(1000, 0));
    const error = await downloadWithResume(options()).catch((caught) => caught);
    expect(error).toMatchObject({ kind: "checksum" });
    expect(error.message).toMatch(/checksum mismatch: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}/);
    await expect(stat(`${target}.part`)).rejects.toThrow(/ENOENT/);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
  });

  it("checks only the size when no checksum is known", async () => {
    const outcome = await downloadWithResume(options({ sha256: null, bytes: BODY.length }));
    expect(outcome.sha256).toBe(SHA);
    const wrong = await downloadWithResume(options({ target: `${target}.2`, sha256: null, bytes: 5 })).catch(
      (caught) => caught,
    );
    expect(wrong).toMatchObject({ kind: "size" });
  });

  it("sends the given headers, and reports 401/403 as auth errors and other statuses as http errors", async () => {
    server.faults.push({ kind: "status", status: 401 });
    const denied = await downloadWithResume(options({ headers: { authorization: "Bearer hf_secret" } })).catch(
      (caught) => caught,
    );
    expect(denied).toMatchObject({ kind: "auth", status: 401 });
    expect(denied.message).not.toContain("hf_secret");
    expect(server.requests[0]?.authorization).toBe("Bearer hf_secret");
    server.faults.push({ kind: "status", status: 500 });
    expect(await downloadWithResume(options()).catch((caught) => caught)).toMatchObject({ kind: "http", status: 500 });
  });

  it("follows a redirect to another host (a CDN) with the Range header but without the Authorization header", async () => {
    const cdn = await startRangeFileServer();
    try {
      cdn.files.set("/blob", BODY);
      await writeFile(`${target}.part`, BODY.subarray(0, 5000));
      server.faults.push({ kind: "redirect", location: `${cdn.baseUrl}/blob` });
      const outcome = await downloadWithResume(options({ headers: { authorization: "Bearer hf_secret" } }));
      expect(outcome).toMatchObject({ resumedFrom: 5000, sha256: SHA });
      expect(server.requests[0]).toMatchObject({ authorization: "Bearer hf_secret", range: "bytes=5000-" });
      expect(cdn.requests).toEqual([{ path: "/blob", range: "bytes=5000-", authorization: undefined }]);
    } finally {
      await cdn.close();
    }
  });

  it("reports a refused connection as a network error with the system code", async () => {
    const closed = await startRangeFileServer();
    const url = `${closed.baseUrl}/data/file.bin`;
    await closed.close();
    const error = await downloadWithResume(options({ url })).catch((caught) => caught);
    expect(error).toMatchObject({ kind: "network", networkCode: "ECONNREFUSED" });
    expect(error.message).toMatch(/^cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
  });
});
