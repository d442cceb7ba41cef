import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** vitest global setup: bundles the client once so server and browser tests serve the real assets. */
export default function setup(): void {
  const script = fileURLToPath(new URL("../../scripts/build-client.mjs", import.meta.url));
  execFileSync(process.execPath, [script], { stdio: "inherit" });
}
