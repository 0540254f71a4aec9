import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { probeScript } from '../browser-run';
import type { ProbeReport } from './probe';

type LongTaskList = { getEntries(): { startTime: number; duration: number }[] };

/** The probe as the bench injects it, in a page of another origin than the viewer's (long tasks only, no DOM). */
function probeInPage() {
  const sent: ProbeReport[] = [];
  const listeners = new Map<string, () => void>();
  let observed: ((list: LongTaskList) => void) | undefined;
  const window: Record<string, unknown> = {
    __benchReport: (report: ProbeReport) => {
      sent.push(report);
      return Promise.resolve();
    },
  };
  runInNewContext(probeScript('http://127.0.0.1:6385'), {
    window,
    location: { origin: 'http://127.0.0.1:9292', href: 'http://127.0.0.1:9292/hosts/hospital' },
    performance: { timeOrigin: 1_000, now: () => 0 },
    PerformanceObserver: class {
      constructor(callback: (list: LongTaskList) => void) {
        observed = callback;
      }
      observe(): void {}
    },
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
    setTimeout,
  });
  const longTask = (startTime: number, duration: number) => observed?.({ getEntries: () => [{ startTime, duration }] });
  const bench = window.__careBench as { flush(): void };
  return { sent, longTask, pagehide: () => listeners.get('pagehide')?.(), flush: () => bench.flush() };
}

describe('the probe in a measured page', () => {
  it('holds its reports while the launch runs, and sends them when the bench asks', () => {
    const page = probeInPage();
    page.longTask(100, 60);
    page.longTask(300, 80);
    expect(page.sent).toEqual([]);
    page.flush();
    expect(page.sent).toEqual([
      { kind: 'longtask', at: 1_100, duration: 60, url: 'http://127.0.0.1:9292/hosts/hospital' },
      { kind: 'longtask', at: 1_300, duration: 80, url: 'http://127.0.0.1:9292/hosts/hospital' },
    ]);
    page.flush();
    expect(page.sent).toHaveLength(2);
  });

  it('sends what it holds when its page goes (the launch page, on its way to the authorisation server)', () => {
    const page = probeInPage();
    page.longTask(50, 70);
    page.pagehide();
    expect(page.sent).toEqual([{ kind: 'longtask', at: 1_050, duration: 70, url: 'http://127.0.0.1:9292/hosts/hospital' }]);
  });
});
