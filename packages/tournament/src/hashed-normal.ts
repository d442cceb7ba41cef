import { createHash } from "node:crypto";

/**
 * A standard normal draw from a hash of the id and seed (Box–Muller on the first two 32-bit words of
 * sha256(`seed:id`)): stable per id, so a simulated quality or score does not depend on the order of the items.
 */
export function hashedNormal(id: string, seed: number): number {
  const digest = createHash("sha256").update(`${seed}:${id}`).digest();
  const u1 = (digest.readUInt32BE(0) + 1) / 4294967297;
  const u2 = digest.readUInt32BE(4) / 4294967296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
