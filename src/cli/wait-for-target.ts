import { setTimeout as delay } from 'node:timers/promises';

export interface WaitForTargetOptions {
  /** How long to keep trying, in all. */
  readonly timeoutMs: number;
  /** Pause between attempts (default 250 ms). */
  readonly intervalMs?: number;
  /** Called after each attempt that got no answer, with why. */
  readonly onRetry?: (attempt: number, reason: string) => void | Promise<void>;
}

export type WaitForTargetResult =
  | { readonly ok: true; readonly attempts: number; readonly status: number }
  | { readonly ok: false; readonly attempts: number; readonly reason: string };

/** The longest a single attempt may take, so one hung connection does not use up the whole wait. */
const ATTEMPT_TIMEOUT_MS = 2000;
const MIN_ATTEMPT_MS = 200;

/**
 * Polls `url` until it answers anything at all (any status: the server is up) or `timeoutMs` has passed.
 *
 * @example
 * const result = await waitForTarget('http://127.0.0.1:8080/', { timeoutMs: 30_000 });
 * if (!result.ok) console.error(result.reason);
 */
export async function waitForTarget(url: string, options: WaitForTargetOptions): Promise<WaitForTargetResult> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  let attempts = 0;
  let reason = 'no attempt was made';
  for (;;) {
    attempts++;
    // The last attempt gets a moment even when the deadline is close, so a refusal is told from a hang.
    const remaining = Math.max(MIN_ATTEMPT_MS, deadline - Date.now());
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(Math.min(remaining, ATTEMPT_TIMEOUT_MS)) });
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, attempts, status: response.status };
    } catch (error) {
      reason = describeFetchError(error);
    }
    await options.onRetry?.(attempts, reason);
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, attempts, reason };
    await delay(Math.min(interval, left));
  }
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if ((error as Error).name === 'TimeoutError') return 'no answer in time';
  return cause?.message ?? (error as Error).message;
}
