// Work that can wait for a pause: run when the page is next idle, or after
// `timeoutMs` at the latest. Browsers without requestIdleCallback get a timer.

/** Runs `work` at the page's next idle moment (at most `timeoutMs` on); returns what cancels it. */
export function whenIdle(work: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, Math.min(timeoutMs, 500));
  return () => clearTimeout(handle);
}
