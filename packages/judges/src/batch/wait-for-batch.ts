import { JudgeCallError } from "../judge-call-error.js";
import type { BatchJobStatus } from "./batch-types.js";

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new JudgeCallError({ code: "aborted", message: "waiting for the batch was aborted", provider: "batch" }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new JudgeCallError({ code: "aborted", message: "waiting for the batch was aborted", provider: "batch" }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Polls `retrieve` every `intervalMs` until the batch is done, reporting each status to `onStatus`. Transient
 * retrieval errors (retryable `JudgeCallError`s) are waited out, honouring `retryAfterMs`; others are thrown.
 * The batch keeps running at the provider if this is aborted: it can be picked up again later by id.
 */
export async function waitForBatch(options: {
  readonly retrieve: () => Promise<BatchJobStatus>;
  readonly intervalMs: number;
  readonly signal?: AbortSignal;
  readonly onStatus?: (status: BatchJobStatus) => void;
}): Promise<BatchJobStatus> {
  for (;;) {
    let status: BatchJobStatus | undefined;
    let delay = options.intervalMs;
    try {
      status = await options.retrieve();
    } catch (error) {
      if (!JudgeCallError.isInstance(error) || !error.isRetryable) throw error;
      delay = Math.max(delay, error.retryAfterMs ?? 0);
    }
    if (status !== undefined) {
      options.onStatus?.(status);
      if (status.done) return status;
    }
    await sleep(delay, options.signal);
  }
}
