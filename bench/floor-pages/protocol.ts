// What the bench hands the browser floor's record page (an init script sets
// `window.__benchFloorPlan` in the floor's browser context only) and what the
// page reports back through the `__benchReport` binding. Types only: shared
// by Node and the page.

/** One request the viewer made to the sandbox after its token, to be made again. */
export interface BrowserFloorNode {
  method: string;
  url: string;
  /** A FHIR batch's Bundle, as the viewer POSTed it. */
  body?: string;
  /** Indexes of the answers it waits for (besides the token). */
  needs: number[];
  /** The headers the viewer sent besides its token's (accept, content-type), so the preflights are the same. */
  headers: Record<string, string>;
  /** The viewer sent its access token (Authorization: <scheme> <token>), with a DPoP proof when `dpop`. */
  token?: string;
  dpop: boolean;
  /** The alerts need its answer (or it leads to one they need): asked for at high priority, the rest at low. */
  forAlerts: boolean;
}

export interface BrowserFloorPlan {
  /** The viewer's code exchange carried a DPoP proof (the server binds tokens). */
  tokenDpop: boolean;
  nodes: BrowserFloorNode[];
}

/** Epoch milliseconds, as the page's clock gives them. */
export interface BrowserFloorReport {
  kind: 'floor';
  issuer: string;
  tokenStart: number;
  tokenEnd: number;
  requests: { index: number; start: number; end: number; status: number; bytes: number }[];
  error?: string;
}
