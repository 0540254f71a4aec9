// The signed link arrives in the address fragment (`#link=<jws>`): it reaches
// no server log. Kept apart from the verifier so the page can read and remove
// it before loading anything heavy.

/** The JWS from `#link=<jws>`, or undefined. */
export function readLinkFragment(hash: string): string | undefined {
  const link = new URLSearchParams(hash.replace(/^#/, '')).get('link')?.trim();
  return link ? link : undefined;
}
