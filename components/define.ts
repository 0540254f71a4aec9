// Registration of the viewer's elements, guarded. The custom element registry
// is one per page and a name can be defined once: a second copy of this
// package (bundled twice, or an older version beside a newer one, or a host's
// own element that took the name) would otherwise fail with the browser's
// terse "this name has already been used", or, worse, half-work with one
// copy's elements reading another copy's record. So the first copy to
// register claims the page (a marker under a global symbol, with its version
// and where it was loaded from), and anything after it fails with an error
// that says what happened and what to do.

import { PACKAGE_NAME, VERSION } from './version';

const CLAIM = Symbol.for('shared-care-record-viewer.registry');

interface Claim {
  version: string;
  /** Where the copy that claimed the page was loaded from. */
  from: string;
  /** This copy's identity (one module instance per copy). */
  copy: object;
}

/** This module instance: one per copy of the package on the page. */
const THIS_COPY = Object.freeze({});
const HERE = import.meta.url;

/** Registering an element failed: another copy or version, or another element, has the name. */
export class ElementRegistrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElementRegistrationError';
  }
}

function claim(): Claim {
  const holder = globalThis as unknown as Record<symbol, Claim | undefined>;
  holder[CLAIM] ??= { version: VERSION, from: HERE, copy: THIS_COPY };
  return holder[CLAIM];
}

/**
 * Defines `tag` as `element`, once. Throws ElementRegistrationError when
 * another copy of the package (the same version or another) has already
 * registered its elements on this page, or when something else has the name.
 */
export function registerElement(tag: string, element: CustomElementConstructor): void {
  const owner = claim();
  if (owner.copy !== THIS_COPY) {
    const same = owner.version === VERSION;
    throw new ElementRegistrationError(
      `<${tag}> cannot be registered: ${PACKAGE_NAME} ${same ? `is loaded twice on this page (version ${VERSION})` : `${VERSION} is loaded beside version ${owner.version}`}` +
        ` (first from ${owner.from}, now from ${HERE}). Load it once: import it from one place, or let your bundler dedupe it.`,
    );
  }
  const existing = customElements.get(tag);
  if (existing === element) return;
  if (existing) {
    throw new ElementRegistrationError(
      `<${tag}> cannot be registered: the page already defines an element of that name that is not ${PACKAGE_NAME}'s. Rename that element: the viewer's own elements all begin with "cr-".`,
    );
  }
  customElements.define(tag, element);
}

/** The class decorator registering an element through registerElement (in place of Lit's @customElement). */
export function defineElement(tag: string) {
  return (element: CustomElementConstructor): void => registerElement(tag, element);
}
