// Shared steps for end-to-end specs: open a patient from a host simulator,
// reach the viewer inside it, inject faults, and run axe in a frame.
import { createRequire } from 'node:module';
import { expect, type Frame, type FrameLocator, type Page } from '@playwright/test';

export const SANDBOX = `http://127.0.0.1:${process.env.SANDBOX_PORT ?? '8080'}`;
export const VIEWER = `http://127.0.0.1:${process.env.VIEWER_PORT ?? '5173'}`;

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

export type Host = 'gp' | 'hospital' | 'paramedic';

/** Opens a patient in a host simulator; returns the viewer inside it. */
export async function openFromHost(page: Page, host: Host, patient: string): Promise<FrameLocator> {
  await page.goto(`${SANDBOX}/hosts/${host}?patient=${encodeURIComponent(patient)}`);
  return page.frameLocator('iframe[title="Shared care record"]');
}

/** The viewer's frame once the SMART launch has landed on the record page. */
export async function viewerFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${VIEWER}/index.html`)), { timeout: 20_000 }).toBe(true);
  return page.frames().find((f) => f.url().startsWith(`${VIEWER}/index.html`))!;
}

export async function setFaults(table: Record<string, { latencyMs?: number; fail?: 500 | 'timeout' }>): Promise<void> {
  const response = await fetch(`${SANDBOX}/admin/faults`, { method: 'PUT', body: JSON.stringify(table) });
  if (!response.ok) throw new Error(`Could not set faults: ${await response.text()}`);
}

export async function clearFaults(): Promise<void> {
  await fetch(`${SANDBOX}/admin/faults`, { method: 'DELETE' });
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Makes axe part of every document the page opens, before the page's own
 * scripts: a page whose Content-Security-Policy refuses injected scripts (a
 * host's own page) can still be checked. Call before navigating.
 */
export async function axeInEveryDocument(page: Page): Promise<void> {
  await page.addInitScript({ path: axePath });
}

/** Runs axe (WCAG 2.0-2.2 A and AA) in a page or frame; returns the violations, described. */
export async function axeViolations(target: Page | Frame): Promise<string[]> {
  if (!(await target.evaluate(() => 'axe' in window))) await target.addScriptTag({ path: axePath });
  const violations = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}
