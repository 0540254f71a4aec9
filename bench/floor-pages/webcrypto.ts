// Stand-in for isomorphic-webcrypto, which fhirclient imports: Chromium has WebCrypto.
export default globalThis.crypto;
