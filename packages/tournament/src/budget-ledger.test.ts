import { describe, expect, it } from "vitest";
import { BudgetLedger } from "./budget-ledger.js";
import { seededRandom } from "./seeded-random.js";

describe("BudgetLedger", () => {
  it("never lets 64 concurrent calls spend more than the cap, and stops only when the next worst case cannot fit", async () => {
    const random = seededRandom(3, "ledger");
    let spent = 0;
    const cap = 0.002;
    const ledger = new BudgetLedger(cap, () => spent);
    const worst = 0.0001;
    let calls = 0;
    let refused = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const reservation = await ledger.reserve(worst);
        if (reservation === undefined) {
          refused++;
          return;
        }
        calls++;
        await new Promise((resolve) => setTimeout(resolve, random.next() * 3));
        spent += worst * (0.2 + 0.8 * random.next()); // actual cost ≤ worst case
        expect(spent).toBeLessThanOrEqual(cap);
        reservation.settle();
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    expect(spent).toBeLessThanOrEqual(cap);
    expect(spent).toBeGreaterThan(cap - worst);
    expect(calls).toBeGreaterThan(cap / worst);
    expect(refused).toBe(64);
    expect(ledger.reserved).toBe(0);
  });

  it("without a cap reserves everything at once; forced reservations count against later ones", () => {
    expect(new BudgetLedger(undefined, () => 1e9).tryReserve(1e9)).toBeDefined();
    const ledger = new BudgetLedger(1, () => 0);
    const forced = ledger.forceReserve(0.9);
    expect(ledger.tryReserve(0.2)).toBeUndefined();
    forced.settle();
    forced.settle();
    expect(ledger.reserved).toBe(0);
    expect(ledger.tryReserve(0.2)).toBeDefined();
  });
});
