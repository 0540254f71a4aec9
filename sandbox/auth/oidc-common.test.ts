import { describe, expect, it } from 'vitest';
import { safeReturnUrl } from './oidc-common';

const OWN = 'http://127.0.0.1:8080';
const VIEWER = 'http://127.0.0.1:5173';
const allowed = new Set([VIEWER]);

describe("safeReturnUrl (the smartcard pages' return=)", () => {
  it("resolves a path against the sandbox's own origin", () => {
    expect(safeReturnUrl('/hosts/gp/card-status', allowed, OWN)).toBe(`${OWN}/hosts/gp/card-status`);
    expect(safeReturnUrl('card-status?x=1', allowed, OWN)).toBe(`${OWN}/card-status?x=1`);
  });

  it("allows the viewer's origin", () => {
    expect(safeReturnUrl(`${VIEWER}/index.html`, allowed, OWN)).toBe(`${VIEWER}/index.html`);
  });

  it.each([
    ['an absolute URL elsewhere', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example/'],
    ['a backslash the browser reads as a slash', '/\\evil.example/'],
    ['a tab the browser strips', '/\t/evil.example/'],
    ['a newline the browser strips', '/\n/evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['userinfo that hides the host', `${OWN}@evil.example/`],
    ['another port of this host', 'http://127.0.0.1:9999/'],
  ])('refuses %s', (_what, value) => {
    expect(safeReturnUrl(value, allowed, OWN)).toBeUndefined();
  });

  it('refuses nothing given', () => {
    expect(safeReturnUrl(null, allowed, OWN)).toBeUndefined();
    expect(safeReturnUrl('', allowed, OWN)).toBeUndefined();
  });
});
