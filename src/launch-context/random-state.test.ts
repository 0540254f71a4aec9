import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64url, randomState } from './random-state';

afterEach(() => vi.restoreAllMocks());

describe('randomState', () => {
  it('is 32 bytes from crypto.getRandomValues, base64url without padding', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const state = randomState();
    expect(spy).toHaveBeenCalledTimes(1);
    expect((spy.mock.calls[0]![0] as Uint8Array).length).toBe(32);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('never uses Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    randomState();
    expect(random).not.toHaveBeenCalled();
  });

  it('differs every time', () => {
    const states = new Set(Array.from({ length: 100 }, randomState));
    expect(states.size).toBe(100);
  });

  it('encodes bytes as base64url', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
  });
});
