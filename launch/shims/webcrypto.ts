// Stand-in for isomorphic-webcrypto (pulled in by fhirclient): every browser
// the viewer supports has WebCrypto, so the real polyfill is never needed.
export default globalThis.crypto;
