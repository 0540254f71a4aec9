import { afterEach, describe, expect, test } from 'vitest';
import { expectAccessible } from '../test-helpers/axe';
import { cleanup, mount, visibleText } from '../test-helpers/render';
import { sanitizeNarrative } from './sanitize';
import './safe-narrative';

declare global {
  interface Window {
    __pwned?: string[];
  }
}

afterEach(() => {
  cleanup();
  delete window.__pwned;
});

const pwn = (what: string) => `(window.__pwned=window.__pwned||[]).push('${what}')`;
const nextFrames = () => new Promise((r) => setTimeout(r, 100));

describe('<cr-safe-narrative>', () => {
  test('renders ordinary narrative', async () => {
    const el = await mount('cr-safe-narrative', {
      label: 'Discharge summary narrative',
      content:
        '<div xmlns="http://www.w3.org/1999/xhtml"><p>Admitted after a <b>fall</b>.</p><table><tr><th scope="col">Drug</th></tr><tr><td>Amlodipine</td></tr></table></div>',
    });
    expect(visibleText(el)).toBe('Admitted after a fall . Drug Amlodipine');
    expect(el.shadowRoot!.querySelector('b')).not.toBeNull();
    await expectAccessible(el);
  });

  test('<script> does not run and is removed', async () => {
    const el = await mount('cr-safe-narrative', { content: `<p>ok</p><script>${pwn('script')}</script>` });
    await nextFrames();
    expect(window.__pwned).toBeUndefined();
    expect(el.shadowRoot!.querySelector('script')).toBeNull();
    expect(visibleText(el)).toBe('ok');
  });

  test('event handlers (onerror, onclick, onload) are stripped', async () => {
    const el = await mount('cr-safe-narrative', {
      content: `<img src="x" onerror="${pwn('img')}"><p onclick="${pwn('click')}">text</p><svg onload="${pwn('svg')}"></svg><details open ontoggle="${pwn('toggle')}"></details>`,
    });
    await nextFrames();
    el.shadowRoot!.querySelector<HTMLElement>('p')?.click();
    expect(window.__pwned).toBeUndefined();
    for (const node of el.shadowRoot!.querySelectorAll('*')) {
      expect([...node.attributes].filter((a) => a.name.startsWith('on'))).toEqual([]);
    }
    expect(el.shadowRoot!.querySelector('img, svg, details')).toBeNull();
  });

  test('javascript: and data: URLs are removed; links get rel="noopener noreferrer"', async () => {
    const el = await mount('cr-safe-narrative', {
      content:
        '<a href="javascript:alert(1)">bad</a> <a href=" JaVaScRiPt:alert(1)">bad2</a> <a href="data:text/html,<script>alert(1)</script>">bad3</a> <a href="https://example.org/letter">good</a> <a href="mailto:gp@example.org">mail</a> <a href="tel:+441234567890">call</a>',
    });
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    const hrefs = links.map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([null, null, null, 'https://example.org/letter', 'mailto:gp@example.org', 'tel:+441234567890']);
    for (const a of links.filter((l) => l.hasAttribute('href'))) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('target')).toBe('_blank');
    }
  });

  test('no style, iframe, object, embed, form, base or meta survive', () => {
    const out = sanitizeNarrative(
      '<style>p{display:none}</style><p style="position:fixed">x</p><iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x"><form action="https://evil.example"><input name="q"><button>Go</button></form><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example"><link rel="stylesheet" href="x">',
    );
    // Only inert text of a removed element may remain.
    expect(out).toBe('<p>x</p>Go');
  });

  test('ids, classes and data attributes are dropped (no reaching our styles)', () => {
    expect(sanitizeNarrative('<p id="heading" class="box" data-x="1" aria-hidden="true" title="t">x</p>')).toBe('<p title="t">x</p>');
  });

  test('content is a property only: an attribute never renders HTML', async () => {
    const el = document.createElement('cr-safe-narrative');
    el.setAttribute('content', '<b>bold</b>');
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('b')).toBeNull();
    el.remove();
  });
});
