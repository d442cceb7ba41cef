import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RunLock, RunLockedError } from "./run-lock.js";

const root = mkdtempSync(join(tmpdir(), "judgelab-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("RunLock", () => {
  it("lets one holder in; a second is refused with the holder's pid and host; release frees it", () => {
    const dir = mkdtempSync(join(root, "one-"));
    const first = RunLock.acquire(dir, { pid: 4242, host: "box-a", isAlive: () => true });
    expect(first.takenOver).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, "run.lock"), "utf8"))).toMatchObject({ pid: 4242, host: "box-a" });
    let refused: unknown;
    try {
      RunLock.acquire(dir, { pid: 777, host: "box-a", isAlive: () => true });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RunLockedError);
    expect((refused as Error).message).toMatch(/in use by another runner: process 4242 on host box-a/);
    first.release();
    expect(existsSync(join(dir, "run.lock"))).toBe(false);
    const second = RunLock.acquire(dir, { pid: 777, host: "box-a", isAlive: () => true });
    expect(second.isHeld()).toBe(true);
    second.release();
  });

  it("takes over a lock whose process is gone, and reports whose it was", () => {
    const dir = mkdtempSync(join(root, "stale-"));
    RunLock.acquire(dir, { pid: 1111, host: "box-a" }); // never released: its process "died"
    const next = RunLock.acquire(dir, { pid: 2222, host: "box-a", isAlive: (pid) => pid !== 1111 });
    expect(next.takenOver).toMatchObject({ pid: 1111, host: "box-a" });
    expect(next.isHeld()).toBe(true);
    next.release();
  });

  it("never takes over a lock from another host, and the real liveness check sees this process alive", () => {
    const dir = mkdtempSync(join(root, "remote-"));
    RunLock.acquire(dir, { pid: 1, host: "elsewhere" });
    expect(() => RunLock.acquire(dir, { isAlive: () => false })).toThrow(/host elsewhere.*another host/);
    const mine = mkdtempSync(join(root, "mine-"));
    const held = RunLock.acquire(mine);
    expect(() => RunLock.acquire(mine)).toThrow(new RegExp(`process ${process.pid}`));
    held.release();
  });

  it("a lock stolen or removed under its holder is not removed by the holder's release", () => {
    const dir = mkdtempSync(join(root, "stolen-"));
    const held = RunLock.acquire(dir, { pid: 5, host: "h", isAlive: () => true });
    writeFileSync(join(dir, "run.lock"), JSON.stringify({ pid: 6, host: "h", startedAt: "x" }));
    expect(held.isHeld()).toBe(false);
    held.release();
    expect(existsSync(join(dir, "run.lock"))).toBe(true);
  });
});
