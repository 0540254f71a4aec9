// Vitest types its asymmetric matchers (expect.any, expect.stringMatching ...)
// `any`, so they fit anywhere in an expected value; but an `any` in an object
// literal is what the lint keeps out (no-unsafe-assignment). These are the same
// matchers, typed as what they are to a test: a value only vitest reads.
import { expect } from 'vitest';

export const anyString = (): unknown => expect.any(String);
export const anyNumber = (): unknown => expect.any(Number);
export const stringMatching = (pattern: RegExp): unknown => expect.stringMatching(pattern);
export const stringContaining = (text: string): unknown => expect.stringContaining(text);
export const arrayContaining = (items: unknown[]): unknown => expect.arrayContaining(items);
export const objectContaining = (fields: Record<string, unknown>): unknown => expect.objectContaining(fields);
