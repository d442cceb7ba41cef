/** A reservation of budget for one call; `settle` gives back what the call did not spend. */
export interface BudgetReservation {
  readonly amountUsd: number;
  /** Ends the reservation. Call it after the call's actual cost is in the spent total. Safe to call twice. */
  settle(): void;
}

/**
 * A hard spending cap under concurrency. Before a call is sent, its worst-case cost is reserved; after its result
 * is recorded (the actual cost then counts as spent), the reservation is settled. A call is sent only when
 * spent + reserved + its worst case ≤ cap, so the spend never exceeds the cap, at any concurrency, as long as each
 * call costs at most its worst case. When a call does not fit but others are in flight, it waits for them to settle
 * (their actual cost is usually far below their worst case); when nothing is in flight, the budget is exhausted.
 */
export class BudgetLedger {
  private reservedUsd = 0;
  private inFlight = 0;
  private waiters: Array<() => void> = [];

  /** `capUsd` undefined means no cap; `spentUsd()` reads the spent total (it grows as results are recorded). */
  constructor(
    readonly capUsd: number | undefined,
    private readonly spentUsd: () => number,
  ) {}

  get reserved(): number {
    return this.reservedUsd;
  }

  /** Whether no further call can ever fit: nothing in flight and not even a free call would fit (spent ≥ cap). */
  get exhausted(): boolean {
    return this.capUsd !== undefined && this.spentUsd() >= this.capUsd;
  }

  /**
   * Reserves `amountUsd`, waiting while it does not fit and other reservations are in flight. Undefined when it
   * cannot fit even with nothing in flight (the budget is spent), or when `stop()` says to give up while waiting.
   */
  async reserve(amountUsd: number, stop?: () => boolean): Promise<BudgetReservation | undefined> {
    for (;;) {
      const reservation = this.tryReserve(amountUsd);
      if (reservation !== undefined) return reservation;
      if (this.inFlight === 0 || stop?.() === true) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Reserves `amountUsd` if it fits now; undefined otherwise (never waits). */
  tryReserve(amountUsd: number): BudgetReservation | undefined {
    if (this.capUsd !== undefined && this.spentUsd() + this.reservedUsd + amountUsd > this.capUsd) return undefined;
    return this.hold(amountUsd);
  }

  /** Reserves `amountUsd` whether or not it fits: for calls already paid for elsewhere (an open provider batch). */
  forceReserve(amountUsd: number): BudgetReservation {
    return this.hold(amountUsd);
  }

  private hold(amountUsd: number): BudgetReservation {
    this.reservedUsd += amountUsd;
    this.inFlight++;
    let settled = false;
    return {
      amountUsd,
      settle: () => {
        if (settled) return;
        settled = true;
        this.inFlight--;
        // Exactly 0 when nothing is held, so rounding residue never accumulates.
        this.reservedUsd = this.inFlight === 0 ? 0 : Math.max(0, this.reservedUsd - amountUsd);
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      },
    };
  }
}
