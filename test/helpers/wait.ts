/**
 * Resolves once `condition()` is true, checking after each turn of the event loop; rejects with `what`
 * once `timeoutMs` has passed without it. The bound only turns a hang into a clear failure: nothing waits
 * longer than the condition takes.
 *
 * @example
 * await waitFor(() => lines.length >= 3, 'three log lines');
 */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
