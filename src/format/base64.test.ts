import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToText, base64UrlToText } from './base64';

describe('base64', () => {
  it('decodes base64 as bytes and as UTF-8 text', () => {
    const text = 'Café — 2.1 mmol/L';
    const encoded = Buffer.from(text, 'utf8').toString('base64');
    expect(base64ToText(encoded)).toBe(text);
    expect(base64ToText(`${encoded.slice(0, 8)}\n${encoded.slice(8)}`)).toBe(text);
    expect([...base64ToBytes('JVBERg==')]).toEqual([0x25, 0x50, 0x44, 0x46]);
    expect(() => base64ToBytes('not base64!')).toThrow();
  });

  it('decodes base64url, as a JWT carries its claims, without padding', () => {
    const claims = JSON.stringify({ n: 'ÿÿÿ>>>???' });
    const encoded = Buffer.from(claims, 'utf8').toString('base64url');
    expect(encoded).toMatch(/[-_]/);
    expect(base64UrlToText(encoded)).toBe(claims);
  });
});
