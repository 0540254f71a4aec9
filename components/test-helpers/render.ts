// Rendering and reading helpers: tests assert what a user sees, so text is
// read through shadow roots and slots, skipping anything not rendered
// (display: none, closed <details> content).

import type { LitElement } from 'lit';

const mounted: Element[] = [];

/** Creates the element, sets properties, attaches it and waits for it (and its children) to render. */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  attrs: Record<string, string> = {},
  parent: Element = document.body,
): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  Object.assign(el, props);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  parent.append(el);
  mounted.push(el);
  await settled(el);
  return el;
}

/** Waits until the element and every Lit element in its shadow tree have finished updating. */
export async function settled(root: Element): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const pending = litElements(root).filter((e) => e.isUpdatePending);
    await Promise.all(litElements(root).map((e) => e.updateComplete));
    if (pending.length === 0 && !litElements(root).some((e) => e.isUpdatePending)) return;
  }
}

function litElements(root: Element): LitElement[] {
  const out: LitElement[] = [];
  const visit = (node: Element | ShadowRoot): void => {
    if (node instanceof Element && 'updateComplete' in node) out.push(node as LitElement);
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return out;
}

export function cleanup(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/** The text a sighted user sees, whitespace collapsed. */
export function visibleText(root: Node): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push((node as Text).data);
      return;
    }
    if (node instanceof Element) {
      if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return;
      // Slots (and other display: contents boxes) have no box of their own but show their content.
      if (getComputedStyle(node).display !== 'contents' && !node.checkVisibility()) return;
      if (node instanceof HTMLSlotElement) {
        const assigned = node.assignedNodes({ flatten: true });
        (assigned.length ? assigned : [...node.childNodes]).forEach(visit);
        return;
      }
      parts.push(' ');
      const children = node.shadowRoot ? [...node.shadowRoot.childNodes] : [...node.childNodes];
      children.forEach(visit);
      parts.push(' ');
      return;
    }
    if (node instanceof ShadowRoot || node instanceof DocumentFragment) node.childNodes.forEach(visit);
  };
  visit(root);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** All elements matching `selector` anywhere in the shadow trees under root. */
export function deepQueryAll<E extends Element = Element>(root: Element | ShadowRoot, selector: string): E[] {
  const out: E[] = [];
  const visit = (node: Element | ShadowRoot): void => {
    out.push(...node.querySelectorAll<E>(selector));
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
  };
  visit(root);
  return [...new Set(out)];
}

export function deepQuery<E extends Element = Element>(root: Element | ShadowRoot, selector: string): E {
  const found = deepQueryAll<E>(root, selector)[0];
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
