// Runs inside every frame of a measured launch, before the page's own scripts
// (Playwright addInitScript). bench/browser-run.ts transpiles this file with
// TypeScript and prepends `const BENCH_VIEWER_ORIGIN = "..."`.
//
// It reports to Node, through the `__benchReport` binding:
// - long tasks (PerformanceObserver 'longtask') in every frame;
// - in the viewer's record page, the milestones below, each once, timed at
//   the animation frame after the DOM change that reached it (when it is painted).
// Reports are held in the page and sent when the record is complete, when the
// page goes (pagehide) or when the bench asks (`__careBench.flush()`): a call
// of the binding costs the measured page's main thread 1-3 ms (tens with the
// CPU slowed), which the launch being measured would otherwise pay.
//
// Milestones, read from the DOM (shadow roots included):
// - shell:    <care-record> is in the document (the launch has finished);
// - banner:   <cr-patient-banner> shows a patient ([part=facts] rendered); when the
//             host shows its own banner (need_patient_banner=false) there is no
//             <cr-patient-banner>, and this is when care-record's public `record`
//             property first holds the patient;
// - alerts:   every <cr-record-section> inside <cr-alerts-strip> (ReSPECT/DNACPR,
//             flags, allergies) is out of its loading state: `state` attribute
//             is not "loading" and its <section> has aria-busy="false" (no
//             source still loading);
// - complete: every <cr-record-section> anywhere in the record is settled as
//             above, <cr-patient-banner> (if shown) is not aria-busy, and
//             <cr-source-status> lists every source with a final line (no
//             li[part=source] with class "loading").
//
// Times are epoch milliseconds (performance.timeOrigin + performance.now()),
// comparable across frames of the same browser.

declare const BENCH_VIEWER_ORIGIN: string;

export type ProbeReport =
  | { kind: 'mark'; name: 'shell' | 'banner' | 'alerts' | 'complete'; at: number; url: string; bannerFrom?: 'cr-patient-banner' | 'record' }
  | { kind: 'longtask'; at: number; duration: number; url: string };

export interface TimelineScroll {
  /** Scroll steps taken. */
  steps: number;
  /** Most elements (light and shadow DOM) in the document at any step. */
  maxElements: number;
  reachedEnd: boolean;
  scroller: 'element' | 'document';
}

interface BenchWindow {
  __benchReport?: (report: ProbeReport) => void;
  __careBench?: {
    countElements(): number;
    elementsByComponent(): Record<string, number>;
    scrollTimeline(): Promise<TimelineScroll | null>;
    /** Sends what waits to be reported. */
    flush(): void;
  };
}

(() => {
  const w = window as unknown as BenchWindow;
  const queue: ProbeReport[] = [];

  let retrying = false;

  /** Holds a report until flush(); `now` sends it at once, with everything held. */
  function report(r: ProbeReport, now = false): void {
    queue.push(r);
    if (now) flush();
  }
  addEventListener('pagehide', () => flush());

  // The binding may arrive after this script: reports wait for it.
  function flush(): void {
    const send = w.__benchReport;
    if (typeof send !== 'function') {
      if (!retrying) {
        retrying = true;
        setTimeout(function retry() {
          retrying = false;
          flush();
        }, 20);
      }
      return;
    }
    for (const next of queue.splice(0)) void send(next);
  }

  new PerformanceObserver(function onLongTasks(list) {
    for (const e of list.getEntries()) {
      report({ kind: 'longtask', at: performance.timeOrigin + e.startTime, duration: e.duration, url: location.href });
    }
  }).observe({ type: 'longtask', buffered: true });

  w.__careBench = { countElements: () => countElements(document), elementsByComponent, scrollTimeline, flush };

  if (location.origin !== BENCH_VIEWER_ORIGIN) return;

  const reached = new Set<string>();
  let scheduled = false;
  const observer = new MutationObserver(schedule);
  const watch = (root: Node): void => observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  watch(document);
  // Mutations inside shadow roots do not reach the document's observer: watch each root as it is made.
  // Only HTML elements take a shadow root, so this shadows Element's own, which stays to call.
  HTMLElement.prototype.attachShadow = function attachAndWatch(this: HTMLElement, init: ShadowRootInit): ShadowRoot {
    const root = Element.prototype.attachShadow.call(this, init);
    if (!reached.has('complete')) watch(root);
    return root;
  };

  function schedule(): void {
    if (scheduled || reached.has('complete')) return;
    scheduled = true;
    requestAnimationFrame(function checkAtFrame() {
      scheduled = false;
      check(performance.timeOrigin + performance.now());
    });
  }

  function mark(
    name: 'shell' | 'banner' | 'alerts' | 'complete',
    at: number,
    extra: { bannerFrom?: 'cr-patient-banner' | 'record' } = {},
  ): void {
    if (reached.has(name)) return;
    reached.add(name);
    // The bench waits for the last one.
    report({ kind: 'mark', name, at, url: location.href, ...extra }, name === 'complete');
    if (name === 'complete') observer.disconnect();
  }

  function check(at: number): void {
    const record = document.querySelector('care-record');
    if (!record?.shadowRoot) return;
    mark('shell', at);
    const banner = record.shadowRoot.querySelector('cr-patient-banner');
    if (banner) {
      if (banner.shadowRoot?.querySelector('[part~="facts"]')) mark('banner', at, { bannerFrom: 'cr-patient-banner' });
    } else {
      const data = (record as unknown as { record?: { patient?: { items?: unknown[] } } }).record;
      if ((data?.patient?.items?.length ?? 0) > 0) mark('banner', at, { bannerFrom: 'record' });
    }
    const strip = record.shadowRoot.querySelector('cr-alerts-strip');
    const alertSections = [...(strip?.shadowRoot?.querySelectorAll('cr-record-section') ?? [])];
    if (alertSections.length > 0 && alertSections.every(settled)) mark('alerts', at);
    if (isComplete(record, banner)) mark('complete', at);
  }

  function settled(section: Element): boolean {
    return (
      section.getAttribute('state') !== 'loading' && section.shadowRoot?.querySelector('section')?.getAttribute('aria-busy') === 'false'
    );
  }

  function isComplete(record: Element, banner: Element | null | undefined): boolean {
    // The source lines first: cheap, and final only at the end, so the walk below (the probe's own cost) runs rarely.
    const status = record.shadowRoot?.querySelector('cr-source-status');
    const lines = [...(status?.shadowRoot?.querySelectorAll('li[part~="source"]') ?? [])];
    if (lines.length === 0 || lines.some((li) => li.classList.contains('loading'))) return false;
    if (banner && banner.shadowRoot?.querySelector('[aria-busy="true"]')) return false;
    const sections = deepElements(record).filter((e) => e.localName === 'cr-record-section');
    return sections.length > 0 && sections.every(settled);
  }

  function deepElements(root: Element | Document | ShadowRoot): Element[] {
    const out: Element[] = [];
    const stack: (Element | Document | ShadowRoot)[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as Element | Document | ShadowRoot;
      for (const child of node.children) {
        out.push(child);
        stack.push(child);
        if (child.shadowRoot) stack.push(child.shadowRoot);
      }
      if (node instanceof Element && node.shadowRoot && node === root) stack.push(node.shadowRoot);
    }
    return out;
  }

  function countElements(root: Document): number {
    return deepElements(root).length;
  }

  /** The custom elements holding the most elements (their own included), largest first: where the DOM went. */
  function elementsByComponent(): Record<string, number> {
    const record = document.querySelector('care-record');
    if (!record) return {};
    const sizes = deepElements(record)
      .filter((e) => e.localName.includes('-') && e.shadowRoot)
      .map((e) => [e.localName, deepElements(e).length + 1] as const)
      .sort((a, b) => b[1] - a[1]);
    const out: Record<string, number> = {};
    for (const [name, size] of sizes) if (Object.keys(out).length < 8 && !(name in out)) out[name] = size;
    return out;
  }

  function frame(): Promise<void> {
    return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  }

  /**
   * Scrolls <cr-record-timeline> to its end a screen at a time, counting elements after each step; null if
   * there is no timeline. When the record shows one view at a time, the timeline's view is opened first
   * through <care-record>'s public showView().
   */
  async function scrollTimeline(): Promise<TimelineScroll | null> {
    const record = document.querySelector('care-record') as (Element & { showView?: (view: string) => void }) | null;
    if (!record) return null;
    const find = () => deepElements(record).find((e) => e.localName === 'cr-record-timeline');
    if (!find() && typeof record.showView === 'function') {
      record.showView('timeline');
      for (let i = 0; i < 100 && !find(); i++) await frame();
      // Let it render its first screen of contacts.
      for (let i = 0; i < 10; i++) await frame();
    }
    const timeline = find();
    if (!timeline) return null;
    const scrollable = [timeline, ...deepElements(timeline)].find((e) => {
      const overflow = getComputedStyle(e).overflowY;
      return (overflow === 'auto' || overflow === 'scroll') && e.scrollHeight > e.clientHeight + 1;
    });
    const scroller = scrollable ?? document.scrollingElement ?? document.documentElement;
    timeline.scrollIntoView({ block: 'start' });
    let maxElements = countElements(document);
    let steps = 0;
    let still = 0;
    const started = performance.now();
    while (still < 3 && steps < 5000 && performance.now() - started < 90_000) {
      const before = scroller.scrollTop;
      scroller.scrollTop = before + Math.max(100, scroller.clientHeight);
      await frame();
      steps++;
      maxElements = Math.max(maxElements, countElements(document));
      // A virtualised list may grow as it renders: stop after the position has not moved three times.
      still = scroller.scrollTop === before ? still + 1 : 0;
    }
    return { steps, maxElements, reachedEnd: still >= 3, scroller: scrollable ? 'element' : 'document' };
  }
})();
