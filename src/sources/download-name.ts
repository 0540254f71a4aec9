// The name a document is downloaded under. The extension comes from what the
// bytes are (their signature), never from the source's title or content type:
// a "scan.tiff" that is really a program must not be saved as `.exe`, `.html`
// or `.js` and opened by a double click. Unknown content is saved as `.bin`.

const SIGNATURES: ReadonlyArray<{ extension: string; bytes: readonly number[] }> = [
  { extension: '.pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { extension: '.png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { extension: '.jpg', bytes: [0xff, 0xd8, 0xff] },
  { extension: '.gif', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { extension: '.tif', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { extension: '.tif', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
];

/** The extension for what the bytes are, by their signature; `.bin` when they are none of the known kinds. */
export function detectedExtension(bytes: Uint8Array): string {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b))?.extension ?? '.bin';
}

/**
 * A safe file name: the title's letters, digits, spaces, hyphens and
 * underscores (its dots too, but never a trailing extension of its own), then
 * the extension of the detected type.
 */
export function downloadName(title: string | undefined, bytes: Uint8Array): string {
  const cleaned = (title ?? '')
    .replace(/[^\p{L}\p{N} ._-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // "scan.tiff", "letter.pdf.exe": whatever the title ends with is not trusted as the type.
  const base =
    cleaned
      .replace(/(?:\.[\p{L}\p{N}]{1,8})+$/u, '')
      .replace(/^[. ]+|[. ]+$/g, '')
      .slice(0, 80)
      .trim() || 'document';
  return `${base}${detectedExtension(bytes)}`;
}
