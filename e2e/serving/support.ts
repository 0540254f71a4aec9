// Content-Security-Policy violations, collected from every frame of a page
// (the host page, the viewer inside it, the viewer's hidden sign-in frame):
// each `securitypolicyviolation` event, and each violation Chromium reports
// in the console (some, such as a refused frame, have no event to listen to).
import { test as base, expect } from '@playwright/test';

export interface Violation {
  directive: string;
  blocked: string;
  page: string;
  sample?: string;
}

export const test = base.extend<{ violations: Violation[] }>({
  violations: [
    async ({ page }, use, testInfo) => {
      const violations: Violation[] = [];
      await page.exposeBinding('__cspViolation', (_source, v: Violation) => {
        violations.push(v);
      });
      await page.addInitScript(() => {
        document.addEventListener(
          'securitypolicyviolation',
          (e) => {
            const report = (window as unknown as { __cspViolation: (v: Violation) => void }).__cspViolation;
            void report({ directive: e.effectiveDirective, blocked: e.blockedURI, page: e.documentURI, sample: e.sample });
          },
          true,
        );
      });
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) {
          violations.push({ directive: 'console', blocked: message.text(), page: message.location().url });
        }
      });
      await use(violations);
      // Every flow through nginx fails on any violation, whatever else it asserted.
      if (!testInfo.annotations.some((a) => a.type === 'expects-violations')) {
        expect(violations, 'Content-Security-Policy violations').toEqual([]);
      }
    },
    { auto: true },
  ],
});

export { expect };
