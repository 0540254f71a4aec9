// The scroll region around a <lit-virtualizer>: Home and End go to the first
// and the last item and stay there. The list's height is an estimate until the
// items drawn are measured, so a native End lands at the end of the estimate
// and the list then moves under the reader; here End jumps again after each
// layout until the end holds still.
import type { LitVirtualizer } from '@lit-labs/virtualizer';

/** Jumps at most this many times: each measures the items drawn at the end, so the estimate converges in a few. */
const MAX_JUMPS = 20;

/** A keydown listener for the focusable region that holds a <lit-virtualizer>. */
export function homeEndThroughVirtualizer(event: KeyboardEvent): void {
  if ((event.key !== 'Home' && event.key !== 'End') || event.altKey || event.metaKey || event.shiftKey || event.ctrlKey) return;
  const region = event.currentTarget as HTMLElement;
  const list = region.querySelector<LitVirtualizer>('lit-virtualizer');
  if (!list) return;
  event.preventDefault();
  void settleAt(region, list, event.key === 'End' ? 'end' : 'start');
}

async function settleAt(region: HTMLElement, list: LitVirtualizer, where: 'start' | 'end'): Promise<void> {
  for (let jump = 0; jump < MAX_JUMPS; jump++) {
    const target = where === 'end' ? region.scrollHeight - region.clientHeight : 0;
    if (jump > 0 && Math.abs(region.scrollTop - target) < 1) return;
    // Asked for before the jump: it resolves at the next layout, which the jump causes if it
    // brings new items into view (and the few frames cover a jump that does not).
    const laidOut = list.layoutComplete;
    region.scrollTop = target;
    await Promise.race([laidOut, frames(LAYOUT_WAIT_FRAMES)]);
  }
}

const LAYOUT_WAIT_FRAMES = 10;

async function frames(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise(requestAnimationFrame);
}
